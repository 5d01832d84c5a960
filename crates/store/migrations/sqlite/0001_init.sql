-- yusuan store, SQLite. Keep in step with ../postgres/0001_init.sql.
CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    -- 部门 or 单位
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES units(id)
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year BIGINT NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    family TEXT NOT NULL,
    scope TEXT NOT NULL,
    profile TEXT NOT NULL,
    -- sha256 of the source (the uploaded file, or the budget's input files)
    source_hash TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    -- built | extracted
    origin TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    report_json TEXT NOT NULL
);
CREATE INDEX reports_unit ON reports(unit_id, year);

CREATE TABLE cells (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    table_kind TEXT NOT NULL,
    side TEXT NOT NULL,
    row_code TEXT NOT NULL,
    row_name TEXT NOT NULL,
    col TEXT NOT NULL CHECK (length(col) > 0),
    -- the printed value in hundredths of the table's unit, and the same in fen
    hundredths BIGINT NOT NULL,
    fen BIGINT NOT NULL,
    unit TEXT NOT NULL,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX cells_kind ON cells(table_kind, col);

CREATE TABLE facts (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    sentence TEXT,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    annual_fen BIGINT
);

CREATE TABLE indicators (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    period TEXT NOT NULL,
    level1 TEXT NOT NULL,
    level2 TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (project_id, seq)
);

CREATE TABLE findings (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    location_json TEXT NOT NULL,
    hint TEXT,
    PRIMARY KEY (report_id, seq)
);

-- Uploads waiting for, or done with, extraction.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    report_id BIGINT REFERENCES reports(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
