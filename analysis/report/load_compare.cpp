// A `compare` directory: compare.json, format "entente-compare" version 1
// (docs/reports.md lists its fields).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "analysis/report/report_data.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace {

void check_direction(const JsonFile& f, const std::string& at, const std::string& d) {
  if (d != "lower_is_better" && d != "higher_is_better" && d != "neutral")
    f.fail(at, "is '" + d + "', expected lower_is_better, higher_is_better or neutral");
}

void load_policies(const JsonFile& f, ReportData& data) {
  const Json& policies = f.array(f.root(), "policies", "");
  if (policies.empty()) f.fail("policies", "is empty");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const std::string at = item_path("policies", i);
    PolicyInfo p;
    p.id = f.string(policies[i], "id", at);
    p.label = f.string_or(policies[i], "label", at, p.id);
    if (p.label.empty()) p.label = p.id;
    p.description = f.string_or(policies[i], "description", at, "");
    p.source = f.string_or(policies[i], "source", at, "");
    if (!seen.insert(p.id).second) f.fail(field_path(at, "id"), "'" + p.id + "' is listed twice");
    data.policies.push_back(std::move(p));
  }
  data.reference = f.string(f.root(), "reference", "");
  if (!data.policy(data.reference)) f.fail("reference", "'" + data.reference + "' is not one of the policies");
  // The reference comes first everywhere (tables, colours).
  const std::size_t r = data.policy_index(data.reference);
  if (r != 0) std::rotate(data.policies.begin(), data.policies.begin() + static_cast<std::ptrdiff_t>(r),
                          data.policies.begin() + static_cast<std::ptrdiff_t>(r) + 1);
}

void load_outcomes(const JsonFile& f, ReportData& data) {
  const Json& outcomes = f.array(f.root(), "outcomes", "");
  if (outcomes.empty()) f.fail("outcomes", "is empty");
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string at = item_path("outcomes", i);
    OutcomeInfo o;
    o.id = f.string(outcomes[i], "id", at);
    if (data.outcome(o.id)) f.fail(field_path(at, "id"), "'" + o.id + "' is listed twice");
    o.label = f.string_or(outcomes[i], "label", at, o.id);
    if (o.label.empty()) o.label = o.id;
    o.unit = f.string_or(outcomes[i], "unit", at, "");
    o.direction = f.string_or(outcomes[i], "direction", at, "neutral");
    check_direction(f, field_path(at, "direction"), o.direction);
    o.headline = f.boolean_or(outcomes[i], "headline", at, false);
    if (const Json* m = f.find(outcomes[i], "min_effect", at); m && !m->is_null()) {
      const double v = f.number(outcomes[i], "min_effect", at);
      if (!std::isfinite(v) || v < 0) f.fail(field_path(at, "min_effect"), "must be a number >= 0 or null");
      o.min_effect = v;
    }
    data.outcomes.push_back(std::move(o));
  }
}

void load_summaries(const JsonFile& f, ReportData& data) {
  const std::size_t n = data.years.size();
  const Json& summaries = f.object(f.root(), "summaries", "");
  for (const auto& p : data.policies) {
    const std::string pat = field_path("summaries", p.id);
    const Json* pj = f.find(summaries, p.id, "summaries");
    if (!pj) f.fail(pat, "missing: every policy needs its summaries");
    for (const auto& o : data.outcomes) {
      const std::string at = field_path(pat, o.id);
      const Json* oj = f.find(*pj, o.id, pat);
      if (!oj) f.fail(at, "missing: every outcome needs its summary");
      Bands b;
      b.mean = f.numbers(*oj, "mean", at, n);
      b.p05 = f.numbers(*oj, "p05", at, n);
      b.p25 = f.numbers(*oj, "p25", at, n);
      b.p50 = f.numbers(*oj, "p50", at, n);
      b.p75 = f.numbers(*oj, "p75", at, n);
      b.p95 = f.numbers(*oj, "p95", at, n);
      data.summaries[p.id][o.id] = std::move(b);
    }
  }
}

void check_policy(const JsonFile& f, const ReportData& data, const std::string& at, const std::string& id) {
  if (!data.policy(id)) f.fail(at, "'" + id + "' is not one of the policies");
}

void check_outcome(const JsonFile& f, const ReportData& data, const std::string& at, const std::string& id) {
  if (!data.outcome(id)) f.fail(at, "'" + id + "' is not one of the outcomes");
}

void load_differences(const JsonFile& f, ReportData& data) {
  const std::size_t n = data.years.size();
  const Json& diffs = f.array(f.root(), "differences", "");
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    const std::string at = item_path("differences", i);
    const Json& dj = diffs[i];
    Difference d;
    d.policy = f.string(dj, "policy", at);
    d.reference = f.string(dj, "reference", at);
    d.outcome = f.string(dj, "outcome", at);
    check_policy(f, data, field_path(at, "policy"), d.policy);
    check_policy(f, data, field_path(at, "reference"), d.reference);
    check_outcome(f, data, field_path(at, "outcome"), d.outcome);
    d.mean = f.numbers(dj, "mean", at, n);
    d.median = f.numbers(dj, "median", at, n);
    d.ci95_lo = f.numbers(dj, "ci95_lo", at, n);
    d.ci95_hi = f.numbers(dj, "ci95_hi", at, n);
    d.p05 = f.numbers(dj, "p05", at, n);
    d.p95 = f.numbers(dj, "p95", at, n);
    d.p_better = f.numbers(dj, "p_better", at, n, true);
    // Added after format 1 was first written: absent reads as unknown (NaN).
    for (auto [key, into] : {std::pair{"p_worse", &d.p_worse}, {"p_no_practical_difference", &d.p_no_practical_difference}})
      *into = f.find(dj, key, at) ? f.numbers(dj, key, at, n, true) : std::vector<double>(n, std::nan(""));
    d.paired_ci95_width = f.numbers(dj, "paired_ci95_width", at, n);
    d.independent_ci95_width = f.numbers(dj, "independent_ci95_width", at, n);
    data.differences.push_back(std::move(d));
  }
}

void load_thresholds(const JsonFile& f, ReportData& data) {
  const std::size_t n = data.years.size();
  const Json* ths = f.find(f.root(), "thresholds", "");
  if (!ths || ths->is_null()) return;
  if (!ths->is_array()) f.fail("thresholds", "expected an array");
  for (std::size_t i = 0; i < ths->size(); ++i) {
    const std::string at = item_path("thresholds", i);
    const Json& tj = (*ths)[i];
    Threshold t;
    t.policy = f.string(tj, "policy", at);
    t.outcome = f.string(tj, "outcome", at);
    check_policy(f, data, field_path(at, "policy"), t.policy);
    check_outcome(f, data, field_path(at, "outcome"), t.outcome);
    t.label = f.string(tj, "label", at);
    t.op = f.string(tj, "op", at);
    if (t.op != "above" && t.op != "below") f.fail(field_path(at, "op"), "is '" + t.op + "', expected above or below");
    t.value = f.number(tj, "value", at);
    t.p_at = f.numbers(tj, "p_at", at, n);
    t.se_at = f.numbers(tj, "se_at", at, n);
    t.p_by = f.numbers(tj, "p_by", at, n);
    t.se_by = f.numbers(tj, "se_by", at, n);
    data.thresholds.push_back(std::move(t));
  }
}

void load_regret(const JsonFile& f, ReportData& data) {
  const Json* regret = f.find(f.root(), "regret", "");
  if (!regret || regret->is_null()) return;
  if (!regret->is_array()) f.fail("regret", "expected an array");
  for (std::size_t i = 0; i < regret->size(); ++i) {
    const std::string at = item_path("regret", i);
    const Json& rj = (*regret)[i];
    Regret r;
    r.outcome = f.string(rj, "outcome", at);
    check_outcome(f, data, field_path(at, "outcome"), r.outcome);
    r.year = f.number(rj, "year", at);
    if (data.year_index(r.year) == data.years.size()) f.fail(field_path(at, "year"), "is not one of the years");
    const Json& ps = f.array(rj, "policies", at);
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const std::string pat = item_path(field_path(at, "policies"), k);
      RegretEntry e;
      e.policy = f.string(ps[k], "policy", pat);
      check_policy(f, data, field_path(pat, "policy"), e.policy);
      e.mean = f.number(ps[k], "mean", pat);
      e.p90 = f.number(ps[k], "p90", pat);
      e.rank_mean = static_cast<std::int64_t>(f.count(ps[k], "rank_mean", pat));
      e.rank_p90 = static_cast<std::int64_t>(f.count(ps[k], "rank_p90", pat));
      r.policies.push_back(std::move(e));
    }
    data.regret.push_back(std::move(r));
  }
}

void load_variance_reduction(const JsonFile& f, ReportData& data) {
  const Json* vr = f.find(f.root(), "variance_reduction", "");
  if (!vr || vr->is_null()) return;
  const std::string at = "variance_reduction";
  VarianceReduction v;
  v.outcome = f.string(*vr, "outcome", at);
  check_outcome(f, data, field_path(at, "outcome"), v.outcome);
  v.policy = f.string(*vr, "policy", at);
  check_policy(f, data, field_path(at, "policy"), v.policy);
  v.year = f.number(*vr, "year", at);
  v.paired_width = f.number(*vr, "paired_width", at);
  v.independent_width = f.number(*vr, "independent_width", at);
  v.ratio = f.number(*vr, "ratio", at);
  data.variance_reduction = v;
}

}  // namespace

void load_compare(const std::string& dir, ReportData& data) {
  data.kind = ReportKind::kCompare;
  JsonFile f((std::filesystem::path(dir) / "compare.json").string(), kCompareFormat,
             "manifest.json says 'compare', whose results are in compare.json (rerun 'entente compare ... --out " +
                 dir + "')");
  const Json& root = f.root();
  const Json& scenario = f.object(root, "scenario", "");
  data.scenario_name = f.string(scenario, "name", "scenario");
  data.description = f.string_or(scenario, "description", "scenario", "");
  data.hash = f.string_or(scenario, "hash_sha256", "scenario", data.hash);
  data.runs = f.count(root, "runs", "");
  data.seed = f.count(root, "seed", "");
  data.years = f.numbers(root, "years", "", 0);
  if (data.years.empty()) f.fail("years", "is empty");
  data.report_years = f.numbers(root, "report_years", "", 0);
  for (std::size_t i = 0; i < data.report_years.size(); ++i)
    if (data.year_index(data.report_years[i]) == data.years.size())
      f.fail(item_path("report_years", i), "is not one of the years");
  if (data.report_years.empty()) data.report_years = {data.years.back()};
  load_policies(f, data);
  load_outcomes(f, data);
  load_summaries(f, data);
  load_differences(f, data);
  load_thresholds(f, data);
  load_regret(f, data);
  load_variance_reduction(f, data);
}

}  // namespace entente::analysis::report
