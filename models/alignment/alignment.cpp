// Alignment — Sino-Russian alignment index and swing-actor sides.
//
// Pair (f, s) = roles.pair, West W = roles.west (alliances expanded to their
// members). Per step (docs/models/alignment.md):
//   P_m   = sum over pressure levers l on pair member m (sanctions, secondary
//           sanctions, export controls, tariffs, investment screening) whose
//           coalition lies outside the pair of w_kind g_l L_l, g_l the GDP share
//           of the coalition that takes part this step
//   Cm    = ln(S / S0), S the pair's bilateral trade over the pair's total trade
//   AF    = (1 - w_cap) (A_dep - A_dep0) + w_cap (A_cap - A_cap0), the junior
//           partner's dependence asymmetry and the capability gap, from the start
//   TC    = sum_k omega_k (sigma_k - sigma_k0), the senior's share of the pair's
//           trade with each swing actor k, from the start
//   E     = sum over West engagement levers on a pair member of b_l g_l L_l
//   Pt    = sum over partnership levers between the pair members of g_l L_l
//   DV    = ln(U / U0), U the dual-use supply between the pair (Supply's dual_use)
//   a*    = logistic(b0 + b1 P_f + b2 P_s + b3 Cm - b4 AF - b5 TC + b6 LC + E + b_part Pt + b_du DV)
//   a    <- clamp(a + min(1, kappa dt) (a* - a) + sigma sqrt(dt) eps, 0, 1)
//   formal alliance: once a >= c3, fires with 1 - exp(-h dt), h = h0 exp(k (a - c3));
//           absorbing, a floored at c3 afterwards
// Swing actors (landscape theory, Axelrod & Bennett 1993), in actor order:
//   P(West) = logistic(lambda (F_i(pair side) - F_i(West) + c (2 side_i - 1)))
// Sources: seeds 000, 002, 003 (drivers and limits of the partnership);
// Axelrod & Bennett 1993 (landscape theory of aggregation).
#include "models/alignment/alignment.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

namespace {

double logistic(double x) {
  x = std::clamp(x, -700.0, 700.0);
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

constexpr std::array<const char*, 4> kCategoryNames = {"convenience", "partnership", "quasi_alliance", "alliance"};

enum class Out { kAlignment, kTarget, kCategory, kIs, kFormal, kSide, kPressure };

struct OutputRequest {
  Out kind;
  std::size_t actor = 0;  // side, pressure: the actor; pressure: 0 first, 1 second via `member`
  int category = 0;       // alignment_is: 1..4
  std::size_t slot = 0;
};

// Private state layout.
enum Slot : std::size_t {
  kFormed = 0,  // formal alliance signed (0/1)
  kDep0,        // A_dep at the start
  kCap0,        // A_cap at the start
  kTargetNow,   // a* of the last step (for the output)
  kPressure0,   // P_first
  kPressure1,   // P_second
  kDual0,       // U: the pair's dual-use supply at the start (Supply's dual_use field)
  kStateSize
};

bool is_pressure_kind(LeverKind k) {
  return k == LeverKind::kSanctions || k == LeverKind::kSecondarySanctions || k == LeverKind::kExportControls ||
         k == LeverKind::kTariffs || k == LeverKind::kInvestmentScreening;
}

class Alignment final : public Model {
 public:
  Alignment(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    const auto& pair = p.role("pair");
    first_ = pair.at(0);
    second_ = pair.at(1);
    is_alliance_.assign(n_, false);
    for (std::size_t i = 0; i < n_; ++i) is_alliance_[i] = sc.spec.actors[i].kind == ActorKind::kAlliance;
    in_pair_.assign(n_, false);
    in_pair_[first_] = in_pair_[second_] = true;
    is_west_.assign(n_, false);
    for (std::size_t w : p.role("west")) {
      is_west_[w] = true;
      for (std::size_t m : sc.members_or_self(w)) is_west_[m] = true;
    }
    for (std::size_t i = 0; i < n_; ++i) {
      if (is_west_[i] && !is_alliance_[i] && !in_pair_[i]) west_.push_back(i);
      if (sc.spec.actors[i].swing && !is_alliance_[i] && !in_pair_[i] && !is_west_[i]) swing_.push_back(i);
    }
    is_swing_.assign(n_, false);
    for (std::size_t i : swing_) is_swing_[i] = true;

    auto h = [&](const char* name) { return p.at(name); };
    initial_ = h("initial_alignment");
    kappa_ = h("adjustment_rate");
    sigma_ = h("volatility");
    b0_ = h("intercept");
    b_press_[0] = h("pressure_coef_first");
    b_press_[1] = h("pressure_coef_second");
    b_comp_ = h("complementarity_coef");
    b_asym_ = h("asymmetry_coef");
    w_cap_ = h("capability_weight");
    b_third_ = h("competition_coef");
    b_lead_ = h("leadership_coef");
    lead_ = h("leadership_continuity");
    b_eng_ = h("engagement_coef");
    b_part_ = h("partnership_coef");
    b_dual_ = h("dual_use_value_coef");
    w_kind_[LeverKind::kSanctions] = h("weight_sanctions");
    w_kind_[LeverKind::kSecondarySanctions] = h("weight_secondary_sanctions");
    w_kind_[LeverKind::kExportControls] = h("weight_export_controls");
    w_kind_[LeverKind::kTariffs] = h("weight_tariffs");
    w_kind_[LeverKind::kInvestmentScreening] = h("weight_investment_screening");
    cut_[0] = h("cut_partnership");
    cut_[1] = h("cut_quasi_alliance");
    cut_[2] = h("cut_alliance");
    hazard_ = h("alliance_hazard");
    hazard_slope_ = h("alliance_hazard_slope");
    lambda_ = h("switching_sharpness");
    switch_cost_ = h("switching_cost");
    swing_prop_ = h("swing_propensity");
    eng_aff_ = h("engagement_affinity");
    resent_ = h("coercion_resentment");
    west_prop_ = p.actor("west_propensity");
    pair_prop_ = p.actor("pair_propensity");
    initial_west_ = p.actor("initial_west");

    for (std::size_t l = 0; l < sc.levers.size(); ++l) {
      const CompiledLever& lv = sc.levers[l];
      const bool coalition_in_pair = in_pair_[lv.owner] || std::any_of(lv.coalition.begin(), lv.coalition.end(),
                                                                       [&](std::size_t c) { return in_pair_[c]; });
      const bool west_owned = is_west_[lv.owner] || std::any_of(lv.coalition.begin(), lv.coalition.end(),
                                                                [&](std::size_t c) { return is_west_[c]; });
      if (in_pair_[lv.target]) {
        const std::size_t m = lv.target == first_ ? 0 : 1;
        if (is_pressure_kind(lv.kind) && !coalition_in_pair) pressure_[m].push_back(l);
        if (lv.kind == LeverKind::kEngagement && west_owned && !coalition_in_pair) engagement_.push_back(l);
        if (lv.kind == LeverKind::kPartnership && in_pair_[lv.owner]) partnership_.push_back(l);
      } else if (is_swing_[lv.target]) {
        if (lv.kind == LeverKind::kEngagement || lv.kind == LeverKind::kPartnership || is_pressure_kind(lv.kind))
          swing_levers_.push_back(l);
      }
    }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    const std::size_t np = s.parts.size();
    auto pair_parts = [&](std::size_t want) -> bool {
      if (np != want) {
        error = "'" + s.family + "' takes " +
                (want == 2 ? std::string("the pair, e.g. ") : std::string("the pair and a category, e.g. ")) +
                s.family + "." + sc_.actor_ids[first_] + "." + sc_.actor_ids[second_] +
                (want == 3 ? ".partnership" : "");
        return false;
      }
      auto a = series_actor(sc_, s, 0, error);
      auto b = a ? series_actor(sc_, s, 1, error) : std::nullopt;
      if (!a || !b) return false;
      const bool ok = (*a == first_ && *b == second_) || (*a == second_ && *b == first_);
      if (!ok) {
        error = "'" + s.family + "' is reported for the Alignment pair " + sc_.actor_ids[first_] + "." +
                sc_.actor_ids[second_] + " only";
        return false;
      }
      return true;
    };
    if (s.family == "alignment" || s.family == "alignment_target" || s.family == "alignment_category" ||
        s.family == "formal_alliance") {
      if (!pair_parts(2)) return false;
      const Out k = s.family == "alignment"            ? Out::kAlignment
                    : s.family == "alignment_target"   ? Out::kTarget
                    : s.family == "alignment_category" ? Out::kCategory
                                                       : Out::kFormal;
      requests_.push_back({k, 0, 0, slot});
      return true;
    }
    if (s.family == "alignment_is") {
      if (!pair_parts(3)) return false;
      for (int c = 0; c < 4; ++c)
        if (s.parts[2] == kCategoryNames[static_cast<std::size_t>(c)]) {
          requests_.push_back({Out::kIs, 0, c + 1, slot});
          return true;
        }
      error = "unknown alignment category '" + s.parts[2] + "' (convenience, partnership, quasi_alliance or alliance)";
      return false;
    }
    if (s.family == "side" || s.family == "pressure") {
      auto ids = series_actors(sc_, s, 1, error);
      if (!ids) return false;
      const std::size_t a = (*ids)[0];
      if (s.family == "side") {
        if (!is_swing_[a]) {
          error = "'" + s.parts[0] + "' is not a swing actor of Alignment (swing: true, in neither role)";
          return false;
        }
        requests_.push_back({Out::kSide, a, 0, slot});
      } else {
        if (!in_pair_[a]) {
          error = "'pressure' is reported for the Alignment pair members " + sc_.actor_ids[first_] + " and " +
                  sc_.actor_ids[second_] + " only";
          return false;
        }
        requests_.push_back({Out::kPressure, a == first_ ? 0u : 1u, 0, slot});
      }
      return true;
    }
    return false;
  }

  std::size_t state_size() const override { return kStateSize; }

  void initialize(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    std::fill(st, st + kStateSize, 0.0);
    const double a0 = std::clamp(s.sampled[initial_.slot], 0.0, 1.0);
    s.alignment[first_ * n_ + second_] = s.alignment[second_ * n_ + first_] = a0;
    st[kDep0] = dependence_asymmetry(s);
    st[kCap0] = capability_gap(s);
    st[kDual0] = pair_dual_use(s);
    // Start sides: one uniform per swing actor, P(West) = initial_west.
    Stream& rng = s.model_streams[index()];
    for (std::size_t i : swing_) {
      const double u = rng.uniform();
      s.west_side[i] = u < s.sampled[initial_west_[i].slot] ? 1.0 : 0.0;
    }
    st[kTargetNow] = target(s, st);
    write_outputs(s, st);
  }

  void step(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    const double dt = s.dt;
    // Baselines of fields written by components that run later in the order
    // (their initialize() had not run when ours did): take them now, before
    // they step.
    if (s.step == 1) {
      if (runs_after("Dependence")) st[kDep0] = dependence_asymmetry(s);
      if (runs_after("PowerArms")) st[kCap0] = capability_gap(s);
    }
    Stream& rng = s.model_streams[index()];
    const double eps = rng.normal();
    const double u_alliance = rng.uniform();

    // Events (alignment_shift) may have moved the shared value since last step.
    double a = s.alignment[first_ * n_ + second_];
    if (!std::isfinite(a)) a = s.sampled[initial_.slot];
    a = std::clamp(a, 0.0, 1.0);
    const double a_star = target(s, st);
    st[kTargetNow] = a_star;
    const double k = std::min(1.0, std::max(0.0, s.sampled[kappa_.slot]) * dt);
    double a_new = a + k * (a_star - a) + s.sampled[sigma_.slot] * std::sqrt(dt) * eps;
    if (!std::isfinite(a_new)) a_new = a;
    a_new = std::clamp(a_new, 0.0, 1.0);

    const double c3 = sorted_cuts(s)[2];
    if (st[kFormed] == 0.0 && a_new >= c3) {
      const double h = std::max(0.0, s.sampled[hazard_.slot]) *
                       std::exp(std::min(50.0, s.sampled[hazard_slope_.slot] * (a_new - c3)));
      if (u_alliance < 1.0 - std::exp(-h * dt)) st[kFormed] = 1.0;
    }
    if (st[kFormed] != 0.0) a_new = std::max(a_new, c3);
    s.alignment[first_ * n_ + second_] = s.alignment[second_ * n_ + first_] = a_new;

    update_sides(s, rng);
    write_outputs(s, st);
  }

 private:
  bool runs_after(const char* name) const {
    for (std::size_t m = index() + 1; m < sc_.model_names.size(); ++m)
      if (sc_.model_names[m] == name) return true;
    return false;
  }

  std::array<double, 3> sorted_cuts(const RunState& s) const {
    std::array<double, 3> c = {s.sampled[cut_[0].slot], s.sampled[cut_[1].slot], s.sampled[cut_[2].slot]};
    std::sort(c.begin(), c.end());
    return c;
  }

  // The larger economy at the start is the senior partner.
  std::size_t senior(const RunState& s) const {
    return s.gdp_initial[second_] > s.gdp_initial[first_] ? second_ : first_;
  }
  std::size_t junior(const RunState& s) const { return senior(s) == first_ ? second_ : first_; }

  double dependence_asymmetry(const RunState& s) const {
    const std::size_t j = junior(s), sr = senior(s);
    const double v = s.dependence[j * n_ + sr] - s.dependence[sr * n_ + j];
    return std::isfinite(v) ? v : 0.0;
  }

  double capability_gap(const RunState& s) const {
    const double cs = std::max(0.0, s.capability[senior(s)]), cj = std::max(0.0, s.capability[junior(s)]);
    const double v = cs + cj > 0 ? (cs - cj) / (cs + cj) : 0.0;
    return std::isfinite(v) ? v : 0.0;
  }

  // Share of the lever's coalition (by GDP; by count when GDPs are 0) that
  // applies it this step.
  double participation(const RunState& s, std::size_t l) const {
    const CompiledLever& lv = sc_.levers[l];
    double in = 0, all = 0, in_n = 0;
    for (std::size_t c : lv.coalition) {
      const double y = std::max(0.0, s.gdp[c]);
      all += y;
      if (s.participates[l * n_ + c]) {
        in += y;
        in_n += 1;
      }
    }
    if (all > 0) return in / all;
    return lv.coalition.empty() ? 0.0 : in_n / static_cast<double>(lv.coalition.size());
  }

  double lever_coef(const RunState& s, std::size_t l, const ParamHandle& fallback) const {
    const CompiledLever& lv = sc_.levers[l];
    return lv.effect_slot ? s.sampled[*lv.effect_slot] : s.sampled[fallback.slot];
  }

  double pressure(const RunState& s, std::size_t m) const {
    double p = 0;
    for (std::size_t l : pressure_[m])
      p += s.sampled[w_kind_.at(sc_.levers[l].kind).slot] * participation(s, l) * s.lever_intensity[l];
    return p;
  }

  double pair_trade(const std::vector<double>& flows, std::size_t a, std::size_t b) const {
    double x = 0;
    for (std::size_t k = 0; k < kTradeChannelCount; ++k)
      x += flows[(k * n_ + a) * n_ + b] + flows[(k * n_ + b) * n_ + a];
    return x;
  }

  double total_trade(const std::vector<double>& flows, std::size_t a) const {
    double x = 0;
    for (std::size_t q = 0; q < n_; ++q)
      if (q != a) x += pair_trade(flows, a, q);
    return x;
  }

  // ln(S / S0): the pair's trade share of the pair's total trade, from the start.
  double complementarity(const RunState& s) const {
    auto share = [&](const std::vector<double>& f) {
      const double tot = total_trade(f, first_) + total_trade(f, second_);
      return tot > 0 ? 2.0 * pair_trade(f, first_, second_) / tot : 0.0;
    };
    const double s0 = share(s.flows_initial);
    if (s0 <= 0) return 0.0;
    const double st = std::max(share(s.flows), 1e-9 * s0);
    const double v = std::log(st / s0);
    return std::isfinite(v) ? std::clamp(v, -5.0, 5.0) : 0.0;
  }

  // Change of the senior partner's share of the pair's trade with the swing
  // actors, weighted by their start-year trade with the pair.
  double competition(const RunState& s) const {
    const std::size_t sr = senior(s), jr = junior(s);
    double weight_sum = 0, v = 0;
    for (std::size_t k : swing_) {
      const double sen0 = pair_trade(s.flows_initial, sr, k), jun0 = pair_trade(s.flows_initial, jr, k);
      const double w = sen0 + jun0;
      if (w <= 0) continue;
      const double sen = pair_trade(s.flows, sr, k), jun = pair_trade(s.flows, jr, k);
      const double sigma0 = sen0 / w;
      const double sigma = sen + jun > 0 ? sen / (sen + jun) : sigma0;
      v += w * (sigma - sigma0);
      weight_sum += w;
    }
    return weight_sum > 0 ? v / weight_sum : 0.0;
  }

  // U: the dual-use supply between the pair members, both ways (USD bn).
  double pair_dual_use(const RunState& s) const {
    const double u = s.dual_use[first_ * n_ + second_] + s.dual_use[second_ * n_ + first_];
    return std::isfinite(u) ? std::max(0.0, u) : 0.0;
  }

  // DV = ln(U / U0): the change of the defence-industrial value the pair
  // draws from its trade (seed 000: reduce the value both sides derive), 0
  // without a dual-use channel. If U was 0 at the start (no Supply, or one
  // ordered after this component), the first positive U is the reference.
  double dual_use_value(const RunState& s, double* st) const {
    if (!(st[kDual0] > 0)) st[kDual0] = pair_dual_use(s);
    const double u0 = st[kDual0];
    if (!(u0 > 0)) return 0.0;
    const double v = std::log(std::max(pair_dual_use(s), 1e-9 * u0) / u0);
    return std::isfinite(v) ? std::clamp(v, -5.0, 5.0) : 0.0;
  }

  double target(RunState& s, double* st) const {
    const double p0 = pressure(s, 0), p1 = pressure(s, 1);
    st[kPressure0] = p0;
    st[kPressure1] = p1;
    const double wc = std::clamp(s.sampled[w_cap_.slot], 0.0, 1.0);
    const double af = (1.0 - wc) * (dependence_asymmetry(s) - st[kDep0]) + wc * (capability_gap(s) - st[kCap0]);
    double eng = 0;
    for (std::size_t l : engagement_) eng += lever_coef(s, l, b_eng_) * participation(s, l) * s.lever_intensity[l];
    double part = 0;
    for (std::size_t l : partnership_) part += participation(s, l) * s.lever_intensity[l];
    const double x = s.sampled[b0_.slot] + s.sampled[b_press_[0].slot] * p0 + s.sampled[b_press_[1].slot] * p1 +
                     s.sampled[b_comp_.slot] * complementarity(s) - s.sampled[b_asym_.slot] * af -
                     s.sampled[b_third_.slot] * competition(s) + s.sampled[b_lead_.slot] * s.sampled[lead_.slot] + eng +
                     s.sampled[b_part_.slot] * part + s.sampled[b_dual_.slot] * dual_use_value(s, st);
    return std::isfinite(x) ? logistic(x) : (x > 0 ? 1.0 : 0.0);
  }

  // Landscape: the West's members (side 1), the pair (side 0), the swing
  // actors (current side); sizes are GDP shares within the landscape.
  void update_sides(RunState& s, Stream& rng) const {
    thread_local std::vector<double> size, prop;
    thread_local std::vector<std::uint8_t> side;
    size.assign(n_, 0.0);
    prop.assign(n_ * n_, 0.0);
    side.assign(n_, 0);
    double total = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (is_alliance_[i] || !(in_pair_[i] || is_west_[i] || is_swing_[i])) continue;
      size[i] = std::isfinite(s.gdp[i]) ? std::max(0.0, s.gdp[i]) : 0.0;
      total += size[i];
      side[i] = is_west_[i] ? 1 : is_swing_[i] ? (s.west_side[i] >= 0.5 ? 1 : 0) : 0;
    }
    for (auto& x : size) x = total > 0 ? x / total : 0.0;
    auto add = [&](std::size_t i, std::size_t j, double v) {
      if (i == j) return;
      prop[i * n_ + j] += v;
      prop[j * n_ + i] += v;
    };
    const double sw = s.sampled[swing_prop_.slot];
    for (std::size_t a = 0; a < swing_.size(); ++a) {
      const std::size_t i = swing_[a];
      for (std::size_t w : west_) add(i, w, s.sampled[west_prop_[i].slot]);
      add(i, first_, s.sampled[pair_prop_[i].slot]);
      add(i, second_, s.sampled[pair_prop_[i].slot]);
      for (std::size_t b = a + 1; b < swing_.size(); ++b) add(i, swing_[b], sw);
    }
    // Levers aimed at a swing actor move its propensity towards each member
    // of the lever's coalition that applies it this step.
    for (std::size_t l : swing_levers_) {
      const CompiledLever& lv = sc_.levers[l];
      const double L = s.lever_intensity[l];
      double v;
      if (is_pressure_kind(lv.kind))
        v = -s.sampled[resent_.slot] * s.sampled[w_kind_.at(lv.kind).slot] * L;
      else if (lv.kind == LeverKind::kEngagement)
        v = lever_coef(s, l, eng_aff_) * L;
      else
        v = s.sampled[eng_aff_.slot] * L;
      for (std::size_t c : lv.coalition)
        if (s.participates[l * n_ + c]) add(lv.target, c, v);
    }
    const double lambda = std::max(0.0, s.sampled[lambda_.slot]);
    const double cost = s.sampled[switch_cost_.slot];
    for (std::size_t i : swing_) {
      const double u = rng.uniform();  // one per swing actor per step, always
      const double f_west = landscape_frustration(size, prop, side, i, 1);
      const double f_pair = landscape_frustration(size, prop, side, i, 0);
      const double x = lambda * (f_pair - f_west + cost * (side[i] ? 1.0 : -1.0));
      const double pw = std::isfinite(x) ? logistic(x) : (x > 0 ? 1.0 : 0.0);
      side[i] = u < pw ? 1 : 0;
      s.west_side[i] = side[i];
    }
  }

  void write_outputs(RunState& s, const double* st) const {
    const double a = s.alignment[first_ * n_ + second_];
    const auto c = sorted_cuts(s);
    const int cat = alignment_category(a, c[0], c[1], c[2]);
    for (const auto& r : requests_) {
      double v = 0;
      switch (r.kind) {
        case Out::kAlignment:
          v = a;
          break;
        case Out::kTarget:
          v = st[kTargetNow];
          break;
        case Out::kCategory:
          v = cat;
          break;
        case Out::kIs:
          v = cat == r.category ? 1.0 : 0.0;
          break;
        case Out::kFormal:
          v = st[kFormed];
          break;
        case Out::kSide:
          v = s.west_side[r.actor];
          break;
        case Out::kPressure:
          v = st[kPressure0 + r.actor];
          break;
      }
      s.series[r.slot] = v;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  std::size_t first_ = 0, second_ = 0;
  std::vector<bool> is_alliance_, in_pair_, is_west_, is_swing_;
  std::vector<std::size_t> west_, swing_;
  ParamHandle initial_, kappa_, sigma_, b0_, b_press_[2], b_comp_, b_asym_, w_cap_, b_third_, b_lead_, lead_, b_eng_,
      b_part_, b_dual_, cut_[3], hazard_, hazard_slope_, lambda_, switch_cost_, swing_prop_, eng_aff_, resent_;
  std::map<LeverKind, ParamHandle> w_kind_;
  std::vector<ParamHandle> west_prop_, pair_prop_, initial_west_;
  std::vector<std::size_t> pressure_[2], engagement_, partnership_, swing_levers_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

int alignment_category(double a, double c1, double c2, double c3) {
  std::array<double, 3> c = {c1, c2, c3};
  std::sort(c.begin(), c.end());
  if (a < c[0]) return 1;
  if (a < c[1]) return 2;
  if (a < c[2]) return 3;
  return 4;
}

double landscape_frustration(const std::vector<double>& size, const std::vector<double>& propensity,
                             const std::vector<std::uint8_t>& side, std::size_t i, std::uint8_t candidate) {
  const std::size_t n = size.size();
  double f = 0;
  for (std::size_t j = 0; j < n; ++j)
    if (j != i && size[j] > 0 && side[j] != candidate) f += size[j] * propensity[i * n + j];
  return f;
}

double landscape_energy(const std::vector<double>& size, const std::vector<double>& propensity,
                        const std::vector<std::uint8_t>& side) {
  const std::size_t n = size.size();
  double e = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (side[i] != side[j]) e += size[i] * size[j] * propensity[i * n + j];
  return e;
}

bool landscape_best_response(const std::vector<double>& size, const std::vector<double>& propensity,
                             std::vector<std::uint8_t>& side, const std::vector<std::uint8_t>& movable,
                             double switching_cost) {
  bool moved = false;
  for (std::size_t i = 0; i < size.size(); ++i) {
    if (!movable[i]) continue;
    const std::uint8_t other = side[i] ? 0 : 1;
    const double stay = landscape_frustration(size, propensity, side, i, side[i]);
    const double go = landscape_frustration(size, propensity, side, i, other);
    if (go < stay - std::max(0.0, switching_cost)) {
      side[i] = other;
      moved = true;
    }
  }
  return moved;
}

ModelInfo alignment_info() {
  ModelInfo info;
  info.name = "Alignment";
  info.family = "alignment";
  info.summary =
      "Alignment index of a pair pulled by Western pressure, complementarity and friction; categories, formal "
      "alliance; swing actors' sides by landscape theory";
  const std::string drivers =
      "seed 003: sanctions, tariffs and being lumped together drove Moscow and Beijing closer; seed 002 (Wang Yi and "
      "Lavrov on sanctions)";
  info.params = {
      {"initial_alignment", 0.55, 0.0, 1.0, "index 0-1", "a at the start year",
       "seeds 000, 002, 003: in 2018-21 a strategic partnership short of an alliance (middle of the partnership band)"},
      {"adjustment_rate", 0.3, 0.0, 5.0, "1/year", "kappa: share of the gap to a* closed per year",
       "assumption: upgrades every few years (2001 treaty, 2014 turn, 2019 partnership, 2022 statement; seeds 002, "
       "004)"},
      {"volatility", 0.03, 0.0, 0.5, "1/sqrt(year)", "sigma: yearly noise of the index",
       "assumption: limits and irritants (Crimea, South China Sea, seed 002) move the relationship by a few points a "
       "year"},
      {"intercept", -0.3, -10.0, 10.0, "logit", "b0: logit of a* with no pressure, levers or structural change",
       "assumption: with 2021 levers (P_R 0.75, P_C 0.4) and leadership continuity, a* is about 0.6 (deepening, seed "
       "002)"},
      {"pressure_coef_first", 0.35, 0.0, 3.0, "logit per unit pressure",
       "b1: on Western pressure on the first pair member (Russia)", drivers},
      {"pressure_coef_second", 0.35, 0.0, 3.0, "logit per unit pressure",
       "b2: on Western pressure on the second pair member (China)", drivers},
      {"complementarity_coef", 0.5, 0.0, 3.0, "logit per log point",
       "b3: on ln(S/S0), the pair's share of its own total trade",
       "seed 003: raw materials for capital and technology make China the natural partner; seed 000"},
      {"asymmetry_coef", 1.0, 0.0, 5.0, "logit per unit",
       "b4: on the junior partner's growing asymmetry (dependence and capability)",
       "seed 002: distrust grows as the balance tilts towards China; Russia wary of becoming the junior partner"},
      {"capability_weight", 0.5, 0.0, 1.0, "1",
       "w_cap: weight of the capability gap in the asymmetry (dependence gets 1 - w_cap)",
       "assumption: economic and military asymmetry weigh alike"},
      {"competition_coef", 2.0, 0.0, 10.0, "logit per unit share",
       "b5: on the senior partner's gain of share in the swing actors' trade with the pair",
       "seed 002: friction first in third countries (Central Asia, Arctic, Afghanistan); seed 000; seed 003 finds "
       "Moscow resigned to it, hence modest"},
      {"leadership_coef", 0.3, 0.0, 3.0, "logit", "b6: on leadership continuity",
       "seed 003: both regimes value stability and their leaders' hold on power; personal Putin-Xi ties"},
      {"leadership_continuity", 1.0, 0.0, 1.0, "1", "LC: 1 while the current leaders stay",
       "assumption: a leadership transition enters as an alignment_shift event or a lower value"},
      {"engagement_coef", 0.0, -3.0, 3.0, "logit per unit intensity",
       "b_eng: default effect of Western engagement levers on a pair member (a lever's effect overrides it)",
       "seeds 000, 002: peeling Russia away judged futile or counter-productive; sign uncertain"},
      {"partnership_coef", 0.5, 0.0, 3.0, "logit per unit intensity",
       "b_part: on partnership levers between the pair members",
       "seed 002: the 2019 upgrade committed both to coordinate on key issues"},
      {"dual_use_value_coef", 0.0, 0.0, 3.0, "logit per log point",
       "b_du: on ln(U/U0), U the dual-use supply between the pair (shared field dual_use, written by Supply)",
       "seed 000: export controls and screening should reduce the value both partners derive; 0 by default, the "
       "outlook's range is argued in docs/models/alignment.md"},
      {"weight_sanctions", 1.0, 0.0, 3.0, "1", "w of sanctions levers in P", "seed 003; seed 002"},
      {"weight_secondary_sanctions", 1.0, 0.0, 3.0, "1", "w of secondary sanctions in P",
       "seed 000: overreach drives alternative payment systems and closer ties"},
      {"weight_export_controls", 1.0, 0.0, 3.0, "1", "w of export controls in P", "seed 000"},
      {"weight_tariffs", 0.5, 0.0, 3.0, "1", "w of tariffs in P", "seed 003: US tariffs on China as a driver"},
      {"weight_investment_screening", 0.5, 0.0, 3.0, "1", "w of investment screening in P",
       "assumption: screening is a milder, less visible pressure than sanctions"},
      {"cut_partnership", 0.35, 0.0, 1.0, "index 0-1",
       "c1: marriage of convenience below, strategic partnership from here",
       "seed 002: from marriage of convenience to strategic partnership"},
      {"cut_quasi_alliance", 0.65, 0.0, 1.0, "index 0-1", "c2: quasi-alliance from here",
       "seed 001: debate on 'limited entente' or 'quasi-alliance'; assumption for the level"},
      {"cut_alliance", 0.85, 0.0, 1.0, "index 0-1", "c3: formal-alliance level; the alliance hazard starts here",
       "seed 002, 003: not a full alliance and not seeking one; assumption for the level"},
      {"alliance_hazard", 0.05, 0.0, 5.0, "1/year", "h0: hazard of a formal alliance treaty at a = c3",
       "assumption: no formal alliance since the 1950 treaty (seed 004); both avoid binding commitments (seed 003)"},
      {"alliance_hazard_slope", 5.0, 0.0, 50.0, "1/index", "k: h = h0 exp(k (a - c3)) above c3",
       "assumption: the hazard about doubles between c3 = 0.85 and a = 1"},
      {"switching_sharpness", 10.0, 0.0, 1e6, "1/frustration", "lambda: logit sharpness of swing actors' side choice",
       "Axelrod & Bennett 1993 (deterministic limit); assumption for the finite value"},
      {"switching_cost", 0.02, 0.0, 1.0, "frustration", "c: status-quo bonus of a swing actor's current side",
       "assumption: hedging states rarely switch camps (India's multi-alignment)"},
      {"swing_propensity", 0.0, -1.0, 1.0, "1", "p between two swing actors",
       "assumption: no strong affinity between India and Central Asia"},
      {"engagement_affinity", 0.3, -2.0, 2.0, "propensity per unit intensity",
       "gain of a swing actor's propensity towards each applier of an engagement or partnership lever aimed at it (an "
       "engagement lever's effect overrides it)",
       "seed 001: Global South engagement and partnership frameworks"},
      {"coercion_resentment", 0.2, 0.0, 2.0, "propensity per unit pressure",
       "loss of a swing actor's propensity towards each applier of a pressure lever aimed at it (times the kind "
       "weight)",
       "assumption: secondary sanctions on third countries breed resentment (seed 000)"},
  };
  info.actor_params = {
      {"west_propensity", 0.2, -1.0, 1.0, "1", "p between a swing actor and each member of the West",
       "assumption: a mild affinity with both sides unless the scenario sets it per swing actor"},
      {"pair_propensity", 0.2, -1.0, 1.0, "1", "p between a swing actor and each pair member",
       "assumption: a mild affinity with both sides unless the scenario sets it per swing actor"},
      {"initial_west", 0.5, 0.0, 1.0, "probability", "chance a swing actor starts on the West's side",
       "assumption: no information, an even chance, unless the scenario sets it per swing actor"},
  };
  info.roles = {
      {"pair", "the two aligned actors, e.g. [russia, china]; the first is 'first' in the coefficients", 2, 2,
       RoleActors::kNoAlliances},
      {"west", "the side that pressures the pair and that swing actors may join, e.g. [united_states, european_union]",
       1, 64, RoleActors::kAny},
  };
  info.reads = {"lever_intensity", "participates", "flows",       "flows_initial", "dependence",
                "capability",      "gdp",          "gdp_initial", "alignment",     "dual_use"};
  info.writes = {"alignment", "west_side"};
  info.outputs = {
      {"alignment.<a>.<b>", "alignment index of the pair in [0,1]"},
      {"alignment_target.<a>.<b>", "a*: the index the pair is pulled towards this step"},
      {"alignment_category.<a>.<b>", "1 convenience, 2 strategic partnership, 3 quasi-alliance, 4 formal alliance"},
      {"alignment_is.<a>.<b>.<category>",
       "1 if the pair is in the category (convenience, partnership, quasi_alliance, alliance), else 0"},
      {"formal_alliance.<a>.<b>", "1 once a formal alliance has been signed (absorbing), else 0"},
      {"side.<actor>", "a swing actor's side: 1 the West, 0 the pair's side"},
      {"pressure.<actor>", "P: weighted Western pressure on a pair member"},
  };
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<Alignment>(sc, p); };
  return info;
}

}  // namespace entente
