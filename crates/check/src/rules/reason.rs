use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, FactValue, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{chars_before, Cx, Joined, HEADING};
use crate::Rule;

/// R-REASON: a change the explanation states comes with its reason, and no reason given
/// for 持平 is a change in one direction.
pub struct Reason;

const REASON_WORDS: &[&str] = &[
    "原因",
    // `主要原是：1.人员工资调资增加` (probe 18's 04): a reason, its 因 dropped (R-WORDING).
    "主要原是",
    // `主要有因是2018年财政供养人员增加` (probe 22's 03): a reason, 原 mistyped (R-WORDING).
    "主要有因是",
    "主要是",
    "主要用于",
    "由于",
    "因为",
    "用于",
    "系",
    "主要情况",
    "影响",
];

impl Rule for Reason {
    fn id(&self) -> &'static str {
        "R-REASON"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "增减变化没有说明原因"
    }
    fn doc(&self) -> &'static str {
        "Every increase or decrease the explanation states (增加 / 减少 against last year) is \
followed, in its sentence or the next ~400 characters up to the next numbered heading, by a reason (原因, 主要是, 由于, 用于 …) \
(past the headings when the items below go on with it, `其中：` / `具体情况如下：`; after `如下` \
only a cause counts, not what an item is 用于), or its rate was explained in the 300 characters before \
(the same % with a reason in its sentence: a total's reason stated once for two figures), \
or it is a 其中 part whose change is its total's, printed just before (`…减少205.82万元。其中：本年财政拨款收入…减少205.82万元`: \
the total answers for the reason), or the same change (`增加555046.7元`) was printed earlier or later with a reason in its \
paragraph (a change restated section after section), \
or a later sentence names its subject with a reason (a paragraph of reasons apart: \
`因物价上涨…等因素影响，公务接待费…`), or an earlier one does, with a reason or the measures \
taken (a total's reason naming each part: `…加强因公出国(境)和公务用车管理，规范公务接待活动`; \
`严格控制“三公”经费支出` before the figure). \
A figure said to be 持平 (not 基本持平) whose reason, up to its 。, speaks of change in one \
direction only (`持平。主要原因：…等原因减少支付。`) is a warning: the word or the reason is \
wrong. A finance bureau's bulletin of the execution so far (`1-8月份，地方一般公共预算收入完成…`) \
a trade union's accounts and an institution's 财务信息公开 (a hospital's) are not asked for reasons: no disclosure rule binds them. Why: the rules require the reasons for changes, 三公 above all; a bare figure explains \
nothing, and a reason for a change that did not happen explains a wrong figure."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.text.is_empty() {
            return;
        }
        self.level_with_a_change(cx, out);
        let all = cx.squeezed_text();
        // A finance bureau's monthly execution note lists changes without reasons; no rule
        // asks it for them (probe 17's 11 and 12), nor a trade union's accounts.
        if crate::util::execution_bulletin(&all)
            || crate::util::union_accounts(&all)
            || crate::util::financial_disclosure(&all)
        {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        let facts = &cx.report.facts;
        for (i, f) in facts.iter().enumerate() {
            let (FactValue::Text(dir), Some(sentence)) = (&f.value, f.sentence.as_deref()) else {
                continue;
            };
            // `减少0万元`: no change to explain (R-TEXT-CHANGE says it is 持平).
            let zero = i.checked_sub(1).map(|j| &facts[j]).is_some_and(|g| {
                g.key == f.key.trim_end_matches(".direction")
                    && matches!(g.value, FactValue::Money(p) if p.is_zero())
            });
            if zero {
                continue;
            }
            if !f.key.ends_with(".change.direction") || dir == "持平" || seen.contains(&sentence)
            {
                continue;
            }
            seen.push(sentence);
            // `故…减少2万元`: the sentence concludes from the reason before it.
            if ["故", "因此", "所以", "因而"]
                .iter()
                .any(|w| sentence.starts_with(w))
            {
                continue;
            }
            let Some(at) = all.find(sentence) else {
                continue;
            };
            // `…主要是压减“三公”经费。其中：公务接待费较上年减少1.64万元`: the parts of a
            // total whose reason was just given.
            let before = &all[..at];
            let clause = before.rfind('。').map_or(0, |i| i + '。'.len_utf8());
            if sentence.starts_with("其中") || before[clause..].contains("其中") {
                let last = before[..clause]
                    .trim_end_matches('。')
                    .rsplit('。')
                    .next()
                    .unwrap_or("");
                if REASON_WORDS.iter().any(|w| last.contains(w)) {
                    continue;
                }
                // `…减少205.82万元，下降17.1%。其中：本年财政拨款收入…减少205.82万元`: a part
                // that makes all of its total's change is explained with the total (probe 16,
                // 01); the total's own sentence answers for the reason.
                static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"(?:增加|减少)[0-9][0-9,]*(?:\.[0-9]+)?(?:万元|元)").expect("valid")
                });
                if AMOUNT
                    .find_iter(sentence)
                    .any(|c| last.contains(c.as_str()))
                {
                    continue;
                }
            }
            // The sentence and what follows it, up to the next numbered heading: a reason
            // given under the next heading (`（二）政府采购…主要用于…`) is another item's.
            let window: String = all[at..]
                .chars()
                .take(sentence.chars().count() + 400)
                .collect();
            let after = sentence.len().min(window.len());
            // `…增长10.06%。其中：（一）…`, `…下降36.0%。具体情况如下：（一）…`: the items
            // below go on with it.
            // After `具体情况如下`, the items' reasons must be causes: what an item is
            // `主要用于` does not say why the total changed.
            let opening: String = window[after..].chars().take(8).collect();
            let as_follows = ["如下：", "如下:"].iter().any(|w| opening.contains(w));
            let goes_on = as_follows
                || ["其中：", "其中:", "如下：", "如下:"]
                    .iter()
                    .any(|w| window[after..].starts_with(w) || sentence.ends_with(w));
            let window = match HEADING.find(&window[after..]).filter(|_| !goes_on) {
                Some(h) => window[..after + h.start()].to_owned(),
                None => window,
            };
            // The same rate explained just before (`财政拨款总收支较上年下降3.85%，主要原因
            // 是…` then `一般公共预算支出…下降3.85%。`): its reason is given.
            let explained_before = || {
                static RATE: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)?%").expect("valid"));
                let before = chars_before(&all, at, 300);
                let rate_explained = RATE.find_iter(sentence).any(|rate| {
                    before.match_indices(rate.as_str()).any(|(i, _)| {
                        let rest = &before[i..];
                        let clause = rest.split('。').next().unwrap_or(rest);
                        REASON_WORDS.iter().any(|w| clause.contains(w))
                    })
                });
                // The same change restated section after section (`同比增加555046.7元` in the
                // overview, then for income and for its fund): explained where it was first
                // printed, when its paragraph gives a reason.
                static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"(?:增加|减少|增长|下降)([0-9][0-9,]*(?:\.[0-9]+)?(?:万元|元))")
                        .expect("valid")
                });
                let wide = chars_before(&all, at, 1500);
                let change_explained = CHANGE.captures_iter(sentence).any(|c| {
                    wide.match_indices(&c[0]).any(|(i, _)| {
                        // Its paragraph: up to the next numbered heading.
                        let rest = &wide[i..];
                        let paragraph = HEADING.find(rest).map_or(rest, |h| &rest[..h.start()]);
                        ["原因", "主要是", "由于"]
                            .iter()
                            .any(|w| paragraph.contains(w))
                    })
                });
                // The same change printed again further on, in a paragraph that gives the
                // reason (the overview's `同比减少38.65万元`, explained under 收入预算情况说明,
                // probe 15).
                let ahead: String = all[at + sentence.len()..].chars().take(1500).collect();
                let explained_ahead = CHANGE.captures_iter(sentence).any(|c| {
                    ahead.match_indices(&c[0]).any(|(i, _)| {
                        let rest = &ahead[i..];
                        let paragraph = HEADING.find(rest).map_or(rest, |h| &rest[..h.start()]);
                        ["原因", "由于"].iter().any(|w| paragraph.contains(w))
                    })
                });
                rate_explained || change_explained || explained_ahead
            };
            // A paragraph of reasons further on that names the subject (`因物价上涨…等因素
            // 影响，公务接待费…`).
            let base = f.key.trim_end_matches(".change.direction");
            let explained_later = || {
                let words: Vec<&str> = yusuan_statement::words_for(base).collect();
                !words.is_empty()
                    && all[at + sentence.len()..].split('。').any(|s| {
                        // Words of cause only: `用于` further on is a purpose.
                        words.iter().any(|w| s.contains(w))
                            && ["原因", "由于", "因为", "因素", "影响"]
                                .iter()
                                .any(|r| s.contains(r))
                    })
            };
            // A reason given before, naming the subject: a total's reason that names each
            // part (`下降的原因主要是…加强因公出国(境)和公务用车管理，规范公务接待活动` over
            // the three items below), or the measures taken (`严格控制“三公”经费支出。…减少
            // 16.5万元`).
            let explained_earlier = || {
                // A 三公 item by its first words (`公务用车` names 公务用车购置及运行费), but
                // not the vehicles' two parts (the 运行费's reason is not the 购置费's); other
                // totals by their whole name (`一般公共` names many).
                let by_first_words = matches!(
                    base,
                    "three_public.outbound" | "three_public.reception" | "three_public.vehicles"
                );
                let words: Vec<String> = yusuan_statement::words_for(base)
                    .map(|w| match by_first_words {
                        true => w.chars().take(4).collect(),
                        false => w.to_owned(),
                    })
                    .collect();
                // A reason for the change's own direction (`决算数等于预算数的主要原因是…`
                // explains no decrease).
                let own_way: &[&str] = if dir == "增加" {
                    &["增加", "增长", "上涨", "提高", "增多"]
                } else {
                    &["减少", "下降", "降低", "压减", "压缩", "节约", "严格控制"]
                };
                const CAUSE: &[&str] = &[
                    "原因",
                    "由于",
                    "因为",
                    "因素",
                    "影响",
                    "厉行节约",
                    "严格控制",
                ];
                !words.is_empty()
                    && chars_before(&all, at, 1500).split('。').any(|s| {
                        words.iter().any(|w| s.contains(w.as_str()))
                            && CAUSE.iter().any(|r| s.contains(r))
                            && own_way.iter().any(|w| s.contains(w))
                            && !["等于", "持平"].iter().any(|w| s.contains(w))
                    })
            };
            // `增加61.32%,主要中继站建设项目支出较大`: the reason is given, its 原因是 left out
            // (R-WORDING says so).
            let elided = ["%，主要", "%,主要", "％，主要"]
                .iter()
                .any(|w| sentence.contains(w));
            let reasoned = elided
                || match as_follows {
                    true => {
                        REASON_WORDS.iter().any(|w| window[..after].contains(w))
                            || ["原因", "主要是", "由于", "因为"]
                                .iter()
                                .any(|w| window.contains(w))
                    }
                    false => REASON_WORDS.iter().any(|w| window.contains(w)),
                };
            if !reasoned && !explained_before() && !explained_later() && !explained_earlier() {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("增减变化没有说明原因：{sentence}"),
                        fact_at(cx, f),
                    )
                    .with_hint("说明增加或减少的主要原因"),
                );
            }
        }
    }
}

impl Reason {
    /// `持平。主要原因：…减少支付。`
    fn level_with_a_change(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(基本)?持平[。，,；]?(?:其|这)?主要原因(?:是|为|在于)?[：:]?([^。]+)")
                .expect("valid")
        });
        const UP: &[&str] = &["增加", "增长", "上升", "提高", "上涨", "增多"];
        const DOWN: &[&str] = &["减少", "下降", "降低", "压减", "缩减", "减支"];
        let joined = Joined::of(cx);
        for c in LEVEL.captures_iter(&joined.text) {
            if c.get(1).is_some() {
                continue;
            }
            let reason = c.get(2).expect("group");
            let up = UP.iter().find(|w| reason.as_str().contains(*w));
            let down = DOWN.iter().find(|w| reason.as_str().contains(*w));
            let word = match (up, down) {
                (Some(w), None) | (None, Some(w)) => w,
                _ => continue,
            };
            let start = c.get(0).expect("match").start();
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "说“持平”，所给原因却是“{word}”：{}",
                        joined.sentence(start).to_owned() + joined.sentence(reason.start())
                    ),
                    joined.at(start),
                )
                .with_hint("核对增减：持平无需增减原因，有增减则改写比较词"),
            );
        }
    }
}
