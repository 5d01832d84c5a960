#!/usr/bin/env python3
"""DuckDB over a yusuan dataset (BENCHMARKS.md, docs/scale.md): the queries a researcher
runs, each timed three times (minimum and median printed), on the machine's cores.

Usage: scripts/bench-duckdb.py DATASET_DIR   (written by `yusuan synth` or `yusuan extract --parquet`)
Needs the duckdb Python package (scripts/test.sh installs it into target/py)."""
import os, statistics, sys, time
import duckdb

root = sys.argv[1]
con = duckdb.connect()
con.sql(f"create view reports as select * from read_parquet('{root}/reports/*.parquet')")
con.sql(f"create view cells as select * from read_parquet('{root}/cells/**/*.parquet', hive_partitioning = true)")
con.sql(f"create view findings as select * from read_parquet('{root}/findings/**/*.parquet', hive_partitioning = true)")

queries = [
    ("cells and their sum by family and year (every cell)",
     "select family, year, count(*), sum(amount) from cells group by all"),
    ("类 208 社会保障和就业支出 by year, 一般公共预算支出表 (filter)",
     "select year, sum(amount) from cells where \"table\" in ('一般公共预算支出表', '一般公共预算财政拨款支出决算表') "
     "and row_code = '208' and \"column\" in ('合计', '决算数/合计') group by year"),
    ("reports of 2024 with an R-TEXT-FIGURE error (partition pruning, join)",
     "select distinct r.unit from findings f join reports r using (report_id) "
     "where f.year = 2024 and f.rule = 'R-TEXT-FIGURE' and f.severity = 'error'"),
    ("top 10 units by 三公经费 合计 (join, 500k groups)",
     "select r.unit, sum(c.amount) s from cells c join reports r using (report_id) "
     "where c.\"table\" in ('三公经费表', '财政拨款“三公”经费支出决算表') and c.\"column\" in ('合计', '合计/决算数') "
     "group by r.unit order by s desc limit 10"),
]
counts = con.sql("select (select count(*) from reports), (select count(*) from cells), (select count(*) from findings)").fetchall()[0]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)
print(f"dataset: {counts[0]:,} reports, {counts[1]:,} cells, {counts[2]:,} findings, {size / 2**20:,.0f} MB; duckdb {duckdb.__version__}, {os.cpu_count()} cores")
print("| query | rows | min s | median s |")
print("|---|---|---|---|")
for label, q in queries:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        rows = con.sql(q).fetchall()
        times.append(time.perf_counter() - t)
    print(f"| {label} | {len(rows)} | {min(times):.2f} | {statistics.median(times):.2f} |")
