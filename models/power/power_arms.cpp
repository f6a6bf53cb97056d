// PowerArms — growth, Richardson arms dynamics and power ratios.
//
// Per step, for every actor i that is not an alliance (docs/models/power_arms.md):
//   rho_i  = R_i / Y_i,  R_i = sum over the rival side of M_j = m_j Y_j
//   m_i   <- m_i + dt (f_i k_i rho_i - a_i m_i + g_i + mu_i max(0, T_i - T_w))   burden m = M / Y
//            clamped to [0, max_burden], then m_i >= milex_target_share_i
//            g_i = a_i m_i(0) - k_i rho_i(0) + grievance_shift_i (steady start)
//            f_i = prod over arms_control levers i is party to of (1 - phi (L - B)), in [0, 2]
//            T_i = threat[i], the threat i's own aggression poses (events: the 2022
//            invasion); mu_i = war_mobilisation: a state at war spends for it;
//            T_w = war_threshold: the threat that recurring disputes alone leave
//   Y_i   <- Y_i exp(g dt + sd sqrt(dt) eps) (1 - drag_t) / (1 - drag_{t-1}) (r_i(t) / r_i(t-1))
//            r_i = P^epsilon_i, the energy rent: P the world energy price (energy_price,
//            EnergyMarket), epsilon_i = energy_price_elasticity of i's GDP in USD
//            (Russia 0.68 on 2001-2018, EIA Brent and the history's gdp_ru); r_i is
//            published as energy_rent so that TradeSanctions does not count the
//            price twice in the exporter's energy sales
//   M_i    = m_i Y_i
//   K_i   <- (1 - delta)^dt K_i + M_i dt,  K_i(0) = M_i(0) / delta
//   C_i    = s_i K_i^w Y_i^(1-w) q_i^nu_i,  s_i scales C_i(0) to the `capability` attribute if given
//            q_i = U_i / U_i(0), U_i the dual-use supply into i (shared field dual_use,
//            written by Supply), clamped to [0.01, 100]; nu_i = dual_use_reliance
//   import_need_i = clamp((C_i(0) / C_i)^eta, 0, 2)
// With constant GDP the burden dynamics are exactly Richardson's map in levels
// with grievance g_i Y_i; with growth they keep the start-year burdens on a
// balanced path. Sources: Richardson 1960; Organski & Kugler 1980; SIPRI;
// seed 000 (Russia's military capacity grows through the trade in equipment
// and technology with China, as it struggles to source components from the West).
#include "models/power/power_arms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/energy/energy_market.hpp"
#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

bool richardson_stable(double k1, double k2, double a1, double a2) { return a1 * a2 > k1 * k2; }

std::array<double, 2> richardson_step(const std::array<double, 2>& m, const RichardsonPair& p, double dt) {
  return {std::max(0.0, m[0] + dt * (p.k1 * m[1] - p.a1 * m[0] + p.g1)),
          std::max(0.0, m[1] + dt * (p.k2 * m[0] - p.a2 * m[1] + p.g2))};
}

std::array<double, 2> richardson_fixed_point(const RichardsonPair& p) {
  const double det = p.a1 * p.a2 - p.k1 * p.k2;
  if (det == 0) return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  return {(p.a2 * p.g1 + p.k1 * p.g2) / det, (p.a1 * p.g2 + p.k2 * p.g1) / det};
}

namespace {

// kappa = sum of k_i / a_i; +inf when an actor reacts without fatigue.
double side_gain(const std::vector<double>& k, const std::vector<double>& a) {
  double kappa = 0;
  for (std::size_t i = 0; i < k.size() && i < a.size(); ++i) {
    if (k[i] <= 0) continue;
    if (a[i] <= 0) return std::numeric_limits<double>::infinity();
    kappa += k[i] / a[i];
  }
  return kappa;
}

}  // namespace

bool richardson_runaway(const std::vector<double>& k_a, const std::vector<double>& a_a,
                        const std::vector<double>& k_b, const std::vector<double>& a_b) {
  const double ka = side_gain(k_a, a_a), kb = side_gain(k_b, a_b);
  return ka > 0 && kb > 0 && ka * kb >= 1.0;
}

namespace {

enum class Out { kGdp, kMilex, kBurden, kCapability, kImportNeed, kMilexRatio, kParity, kGdpRatio, kRunaway, kBalance };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, b = 0, slot = 0;
};

// Per-actor private state, each block n long.
enum Block : std::size_t { kShare, kDragPrev, kStock, kRaw0, kScale, kGrievance, kCap0, kDual0, kBlocks };
// The energy rent r_i = P^epsilon_i in a GDP level: 1 when epsilon_i is 0 or
// the price has not moved, so that the old bits stay.
double energy_rent(double price, double elasticity) {
  if (elasticity == 0.0 || price == 1.0) return 1.0;
  return std::pow(usable_energy_price(price), std::clamp(std::isfinite(elasticity) ? elasticity : 0.0, -2.0, 2.0));
}

// q_i stays within these bounds: a supply that vanished or multiplied a
// hundredfold says nothing more about capability than the bound does.
constexpr double kMinDualUse = 0.01, kMaxDualUse = 100.0;

constexpr double kMaxDrag = 0.95;

class PowerArms final : public Model {
 public:
  PowerArms(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    phi_ = p.at("arms_control_effect");
    delta_ = p.at("depreciation");
    w_ = p.at("military_weight");
    eta_ = p.at("import_need_elasticity");
    cap_ = p.at("max_burden");
    war_floor_ = p.at("war_threshold");
    reaction_ = p.actor("reaction");
    fatigue_ = p.actor("fatigue");
    shift_ = p.actor("grievance_shift");
    war_ = p.actor("war_mobilisation");
    reliance_ = p.actor("dual_use_reliance");
    rent_elasticity_ = p.actor("energy_price_elasticity");
    alliance_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) alliance_[i] = sc.spec.actors[i].kind == ActorKind::kAlliance;

    // Sides: alliances stand for their members; an actor named on both sides
    // stays on side_a.
    side_.assign(n_, -1);
    const char* roles[2] = {"side_a", "side_b"};
    for (int s = 0; s < 2; ++s) {
      auto it = p.roles.find(roles[s]);
      if (it == p.roles.end()) continue;
      for (std::size_t a : it->second)
        for (std::size_t i : expand(a))
          if (side_[i] < 0) side_[i] = s;
    }
    for (std::size_t i = 0; i < n_; ++i)
      if (side_[i] >= 0) sides_[static_cast<std::size_t>(side_[i])].push_back(i);

    for (std::size_t l = 0; l < sc.levers.size(); ++l)
      if (sc.levers[l].kind == LeverKind::kArmsControl) arms_control_.push_back({l, expand(sc.levers[l].target)});
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    OutputRequest r{Out::kGdp, 0, 0, slot};
    if (s.family == "runaway_race" || s.family == "military_balance") {
      if (!series_actors(sc_, s, 0, error)) return false;
      r.kind = s.family == "runaway_race" ? Out::kRunaway : Out::kBalance;
    } else if (s.family == "gdp" || s.family == "milex" || s.family == "military_burden" ||
               s.family == "capability" || s.family == "import_need") {
      auto a = series_actors(sc_, s, 1, error);
      if (!a) return false;
      r.kind = s.family == "gdp"               ? Out::kGdp
               : s.family == "milex"           ? Out::kMilex
               : s.family == "military_burden" ? Out::kBurden
               : s.family == "capability"      ? Out::kCapability
                                               : Out::kImportNeed;
      r.a = (*a)[0];
    } else if (s.family == "milex_ratio" || s.family == "parity" || s.family == "gdp_ratio") {
      auto ab = series_actors(sc_, s, 2, error);
      if (!ab) return false;
      const Out kind = s.family == "parity" ? Out::kParity : s.family == "gdp_ratio" ? Out::kGdpRatio : Out::kMilexRatio;
      r = {kind, (*ab)[0], (*ab)[1], slot};
    } else {
      return false;
    }
    requests_.push_back(r);
    return true;
  }

  std::size_t state_size() const override { return kBlocks * n_; }

  void initialize(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    std::fill(st, st + state_size(), 0.0);
    const double delta = s.sampled[delta_.slot];
    const double w = s.sampled[w_.slot];
    for (std::size_t i = 0; i < n_; ++i) {
      if (alliance_[i]) continue;
      const double y = s.gdp[i];
      const double m0 = y > 0 ? std::max(0.0, s.milex[i] / y) : 0.0;
      st[kShare * n_ + i] = m0;
      st[kDragPrev * n_ + i] = clamp_drag(s.gdp_drag[i]);
      const double k0 = m0 * y / delta;
      st[kStock * n_ + i] = k0;
      const double raw0 = raw_capability(k0, y, w);
      const double attr = s.sampled[sc_.capability_slot[i]];
      st[kRaw0 * n_ + i] = raw0;
      st[kScale * n_ + i] = raw0 > 0 ? (attr > 0 ? attr / raw0 : 1.0) : attr;
      const double c0 = raw0 > 0 ? st[kScale * n_ + i] * raw0 : attr;
      st[kCap0 * n_ + i] = c0;
      st[kDual0 * n_ + i] = dual_use_into(s, i);
      s.capability[i] = c0;
      s.import_need[i] = 1.0;
      s.energy_rent[i] = energy_rent(s.energy_price, s.sampled[rent_elasticity_[i].slot]);
    }
    // Grievances that make the start year a steady path of the burdens.
    for (std::size_t i = 0; i < n_; ++i) {
      if (alliance_[i]) continue;
      const double k = s.sampled[reaction_[i].slot], a = s.sampled[fatigue_[i].slot];
      st[kGrievance * n_ + i] = a * st[kShare * n_ + i] - k * rival_ratio(s, st, i) + s.sampled[shift_[i].slot];
    }
    write_outputs(s, off);
  }

  void step(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    const double dt = s.dt;
    const double cap = s.sampled[cap_.slot];

    // 1. Burdens, explicit in the state at the start of the step.
    thread_local std::vector<double> next, factor;
    next.assign(n_, 0.0);
    reaction_factors(s, factor);
    for (std::size_t i = 0; i < n_; ++i) {
      if (alliance_[i]) continue;
      const double k = s.sampled[reaction_[i].slot] * factor[i], a = s.sampled[fatigue_[i].slot];
      const double m = st[kShare * n_ + i];
      const double war = s.sampled[war_[i].slot] * std::max(0.0, s.threat[i] - s.sampled[war_floor_.slot]);
      double v = m + dt * (k * rival_ratio(s, st, i) - a * m + st[kGrievance * n_ + i] + war);
      if (!std::isfinite(v)) v = cap;
      v = std::clamp(v, 0.0, cap);
      v = std::max(v, std::clamp(s.milex_target_share[i], 0.0, cap));  // defence-spending floor
      next[i] = v;
    }

    // 2. GDP: trend growth with shocks, and the level effect of this step's drag.
    for (std::size_t i = 0; i < n_; ++i) {
      const double eps = s.shock_streams[i].normal();  // drawn for alliances too: streams stay aligned
      if (alliance_[i]) continue;
      const double g = s.sampled[sc_.growth_slot[i]];
      const double sd = s.sampled[sc_.growth_sd_slot[i]];
      const double drag = clamp_drag(s.gdp_drag[i]);
      const double prev = st[kDragPrev * n_ + i];
      s.gdp[i] *= std::exp(g * dt + sd * std::sqrt(dt) * eps) * (1.0 - drag) / (1.0 - prev);
      st[kDragPrev * n_ + i] = drag;
      // Energy rent: the GDP level moves with the world energy price.
      const double rent = energy_rent(s.energy_price, s.sampled[rent_elasticity_[i].slot]);
      if (rent != s.energy_rent[i]) {
        s.gdp[i] *= rent / s.energy_rent[i];
        s.energy_rent[i] = rent;
      }
    }

    // 3. Spending, stock, capability and import need in levels.
    const double delta = s.sampled[delta_.slot];
    const double w = s.sampled[w_.slot];
    const double eta = s.sampled[eta_.slot];
    const double keep = std::pow(1.0 - delta, dt);
    for (std::size_t i = 0; i < n_; ++i) {
      if (alliance_[i]) continue;
      st[kShare * n_ + i] = next[i];
      const double y = s.gdp[i];
      s.milex[i] = next[i] * y;
      double& k = st[kStock * n_ + i];
      k = keep * k + s.milex[i] * dt;
      const double raw = raw_capability(k, y, w);
      const double raw0 = st[kRaw0 * n_ + i], scale = st[kScale * n_ + i];
      double c;
      if (raw0 > 0) c = scale * raw;
      else if (scale > 0) c = scale * std::pow(y / s.gdp_initial[i], 1.0 - w);  // attribute only, no spending at start
      else c = raw;
      c *= dual_use_factor(s, st, i);
      s.capability[i] = std::isfinite(c) ? c : 0.0;
      const double c0 = st[kCap0 * n_ + i];
      double need = 1.0;
      if (c0 > 0 && s.capability[i] > 0) need = std::pow(c0 / s.capability[i], eta);
      else if (c0 > 0) need = 2.0;
      s.import_need[i] = std::isfinite(need) ? std::clamp(need, 0.0, 2.0) : 2.0;
    }
    write_outputs(s, off);
  }

 private:
  struct ArmsControl {
    std::size_t lever;
    std::vector<std::size_t> targets;  // the target, or an alliance target's members
  };

  // The states and blocs an actor stands for (an alliance nested in an
  // alliance adds nothing: it has no GDP or spending of its own).
  std::vector<std::size_t> expand(std::size_t a) const {
    std::vector<std::size_t> out;
    for (std::size_t m : sc_.members_or_self(a))
      if (!alliance_[m]) out.push_back(m);
    return out;
  }

  // U_i: the dual-use supply into i, from every supplier.
  double dual_use_into(const RunState& s, std::size_t i) const {
    double u = 0;
    for (std::size_t j = 0; j < n_; ++j) u += s.dual_use[j * n_ + i];
    return std::isfinite(u) ? std::max(0.0, u) : 0.0;
  }

  // q_i^nu_i, 1 for an actor that relies on no dual-use supply. If the supply
  // was 0 at the start (no Supply component, or one ordered after this one),
  // the first positive supply seen becomes the reference, so the factor
  // starts at 1 either way.
  double dual_use_factor(const RunState& s, double* st, std::size_t i) const {
    const double nu = s.sampled[reliance_[i].slot];
    if (!(nu > 0)) return 1.0;
    const double u = dual_use_into(s, i);
    double& u0 = st[kDual0 * n_ + i];
    if (!(u0 > 0)) u0 = u;
    if (!(u0 > 0)) return 1.0;
    return std::pow(std::clamp(u / u0, kMinDualUse, kMaxDualUse), nu);
  }

  static double clamp_drag(double d) { return std::isfinite(d) ? std::clamp(d, 0.0, kMaxDrag) : 0.0; }

  static double raw_capability(double k, double y, double w) {
    if (k <= 0 && w > 0) return 0.0;
    return std::pow(std::max(k, 0.0), w) * std::pow(std::max(y, 0.0), 1.0 - w);
  }

  // rho_i: the rival side's spending over i's GDP (0 off the sides), i's GDP
  // without its energy rent: an oil-driven swing of i's GDP in USD is a
  // valuation, and must not move i's burden through the ratio.
  double rival_ratio(const RunState& s, const double* st, std::size_t i) const {
    if (side_[i] < 0 || s.gdp[i] <= 0) return 0.0;
    double r = 0;
    for (std::size_t j : sides_[side_[i] == 0 ? 1 : 0]) r += st[kShare * n_ + j] * s.gdp[j];
    const double rent = s.energy_rent[i] > 0 ? s.energy_rent[i] : 1.0;
    return r / (s.gdp[i] / rent);
  }

  // f_i: product over the arms-control levers i is party to of
  // (1 - phi (L - B)), each and the product clamped to [0, 2]. Parties: the
  // coalition members that apply the lever this step and, if any does, its target.
  void reaction_factors(const RunState& s, std::vector<double>& f) const {
    f.assign(n_, 1.0);
    for (const auto& ac : arms_control_) {
      const CompiledLever& lv = sc_.levers[ac.lever];
      const double dl = s.lever_intensity[ac.lever] - lv.baseline_intensity;
      if (dl == 0) continue;
      const double phi = lv.effect_slot ? s.sampled[*lv.effect_slot] : s.sampled[phi_.slot];
      const double m = std::clamp(1.0 - phi * dl, 0.0, 2.0);
      bool any = false;
      for (std::size_t c : lv.coalition)
        if (s.participates[ac.lever * n_ + c]) {
          f[c] *= m;
          any = true;
        }
      if (any)
        for (std::size_t t : ac.targets) f[t] *= m;
    }
    for (double& x : f) x = std::clamp(x, 0.0, 2.0);
  }

  bool runaway(const RunState& s) const {
    if (sides_[0].empty() || sides_[1].empty()) return false;
    thread_local std::vector<double> factor, k[2], a[2];
    reaction_factors(s, factor);
    for (int sd = 0; sd < 2; ++sd) {
      k[sd].clear();
      a[sd].clear();
      for (std::size_t i : sides_[sd]) {
        k[sd].push_back(s.sampled[reaction_[i].slot] * factor[i]);
        a[sd].push_back(s.sampled[fatigue_[i].slot]);
      }
    }
    return richardson_runaway(k[0], a[0], k[1], a[1]);
  }

  void write_outputs(RunState& s, std::size_t off) const {
    const double* st = &s.model_state[off];
    auto ratio = [](double x, double y) { return y > 0 ? x / y : 0.0; };
    for (const auto& r : requests_) {
      double v = 0;
      switch (r.kind) {
        case Out::kGdp: v = s.gdp[r.a]; break;
        case Out::kMilex: v = s.milex[r.a]; break;
        case Out::kBurden: v = st[kShare * n_ + r.a]; break;
        case Out::kCapability: v = s.capability[r.a]; break;
        case Out::kImportNeed: v = s.import_need[r.a]; break;
        case Out::kMilexRatio: v = ratio(s.milex[r.a], s.milex[r.b]); break;
        case Out::kParity: v = ratio(s.capability[r.a], s.capability[r.b]); break;
        case Out::kGdpRatio: v = ratio(s.gdp[r.a], s.gdp[r.b]); break;
        case Out::kRunaway: v = runaway(s) ? 1.0 : 0.0; break;
        case Out::kBalance: {
          double a = 0, b = 0;
          for (std::size_t i : sides_[0]) a += s.milex[i];
          for (std::size_t i : sides_[1]) b += s.milex[i];
          v = ratio(a, b);
          break;
        }
      }
      s.series[r.slot] = std::isfinite(v) ? v : 0.0;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  ParamHandle phi_, delta_, w_, eta_, cap_, war_floor_;
  std::vector<ParamHandle> reaction_, fatigue_, shift_, war_, reliance_, rent_elasticity_;
  std::vector<bool> alliance_;
  std::vector<int> side_;                  // -1: on no side, 0: side_a, 1: side_b
  std::vector<std::size_t> sides_[2];      // actors (no alliances) of each side
  std::vector<ArmsControl> arms_control_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo power_arms_info() {
  ModelInfo info;
  info.name = "PowerArms";
  info.family = "power";
  info.summary = "GDP growth and drag, Richardson arms race between two sides (in shares of GDP), capability, "
                 "power parity and import need";
  const std::string sipri = "shared/data/history_2000_2021.csv (SIPRI milex)";
  info.params = {
      {"arms_control_effect", 0.5, 0.0, 1.0, "1 at intensity 1",
       "phi: an arms_control lever multiplies its parties' reaction k by 1 - phi (L - B)",
       "assumption: a binding agreement halves the reaction to the rival's build-up (seed 001 calls for arms control "
       "that includes Russia and China)"},
      {"depreciation", 0.1, 0.01, 1.0, "1/year", "delta: share of the military stock lost per year",
       "assumption: spending buys equipment (service lives 20-30 years) and personnel and operations (no stock); "
       "a 7-year half-life in between"},
      {"military_weight", 0.5, 0.0, 1.0, "1", "w: weight of the military stock in capability C = K^w Y^(1-w)",
       "assumption: the CINC index (Singer et al. 1972) weighs military and economic-demographic components about "
       "equally"},
      {"import_need_elasticity", 1.0, 0.0, 4.0, "1",
       "eta: import_need = (C(0)/C)^eta, the fall in arms and technology imports as own capability grows",
       "shared/data/history_2000_2021.csv: arms_ru_to_cn 2000-06 mean about 2,520 TIV, 2010-19 about 880 (x0.35) "
       "while milex_cn tripled (62.7 in 2003, 199 in 2015): (1/3)^1"},
      {"max_burden", 0.5, 0.05, 1.0, "share of GDP", "upper bound of the military burden M/Y",
       "assumption: total-war economies of 1943-44 spent 40-60% of GDP (Harrison 1998)"},
      {"war_threshold", 0.0, 0.0, 10.0, "threat",
       "T_w: the part of an actor's own threat that does not mobilise its economy (war_mobilisation acts on "
       "threat above it)",
       "assumption: 0 by default; the outlook sets the level that recurring militarized disputes alone leave "
       "(docs/models/power_arms.md)"},
  };
  info.actor_params = {
      {"reaction", 0.03, 0.0, 2.0, "1/year",
       "k_i: response of i's burden to the rival side's spending over i's GDP",
       "assumption: k/a = 0.1. 2014-16 Western spending over Russia's USD GDP rose about 26 points and Russia's "
       "burden 1.3 (4.1% to 5.4%, " + sipri + "): k/a near 0.05, doubled because the ruble's fall inflated the "
       "ratio; Richardson 1960 reactions are small"},
      {"fatigue", 0.3, 0.0, 2.0, "1/year", "a_i: pull of i's burden back to its steady path (cost of arms)",
       "assumption: Russia's burden fell back from 5.4% (2016) to 3.9% (2019) within about 3 years (" + sipri + ")"},
      {"grievance_shift", 0.0, -0.2, 0.2, "share of GDP per year",
       "added to the grievance g_i that makes the start year steady; shift / a_i is the long-run change of the "
       "burden when no one reacts",
       "assumption: 0 keeps the start-year burdens (China about 1.7% of GDP 2000-21, Russia about 4% 2015-21, " +
           sipri + ")"},
      {"war_mobilisation", 0.0, 0.0, 0.2, "share of GDP per year per unit threat",
       "mu_i: rise of i's burden per year per unit of the threat its own aggression poses (threat[i]: events such "
       "as an invasion); the war economy's spending",
       "assumption: 0 unless the scenario sets it; the outlook's range for Russia is argued from the 2014-16 and "
       "2022-24 rises of its burden in docs/models/power_arms.md"},
      {"energy_price_elasticity", 0.0, -2.0, 2.0, "1",
       "epsilon_i: elasticity of i's GDP in USD to the world energy price (energy_price, EnergyMarket): the GDP level "
       "carries P^epsilon_i",
       "0 unless the scenario sets it; Russia 0.68 (standard error 0.08), the regression of the annual log change of "
       "gdp_ru (history) on Brent's (EIA), 2001-2018; range docs/models/power_arms.md"},
      {"dual_use_reliance", 0.0, 0.0, 1.0, "1",
       "nu_i: elasticity of i's capability to the dual-use supply it receives (shared field dual_use, written by "
       "Supply): C_i x (U_i / U_i(0))^nu_i",
       "seed 000: Russia expands its military capacity through trade with China as it struggles to source "
       "components from the West; 0 unless the scenario sets it; the outlook's range is argued in "
       "docs/models/power_arms.md"},
  };
  info.roles = {
      {"side_a", "actors (or alliances, standing for their members) on one side of the race, e.g. [united_states, "
                 "european_union]",
       0, 1000, RoleActors::kAny},
      {"side_b", "actors on the other side, e.g. [russia, china]; each reacts to side_a's total", 0, 1000,
       RoleActors::kAny},
  };
  info.outputs = {
      {"gdp.<actor>", "GDP, USD bn"},
      {"milex.<actor>", "military spending M, USD bn"},
      {"military_burden.<actor>", "M / Y, share of GDP"},
      {"capability.<actor>", "capability C (the attribute's scale, else USD bn equivalent)"},
      {"import_need.<actor>", "multiplier on arms and technology imports, (C(0)/C)^eta in [0, 2]"},
      {"milex_ratio.<a>.<b>", "M_a / M_b (0 when M_b = 0), e.g. milex_ratio.china.russia"},
      {"gdp_ratio.<a>.<b>", "Y_a / Y_b (0 when Y_b = 0), e.g. gdp_ratio.china.russia"},
      {"parity.<a>.<b>", "C_a / C_b (0 when C_b = 0)"},
      {"runaway_race", "1 when the two sides' Richardson system is unstable (kappa_A kappa_B >= 1), else 0"},
      {"military_balance", "side_a's military spending over side_b's (0 when side_b spends nothing)"},
  };
  info.reads = {"gdp_drag", "milex_target_share", "lever_intensity", "participates", "threat", "dual_use",
                "energy_price"};
  info.writes = {"gdp", "milex", "capability", "import_need", "energy_rent"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<PowerArms>(sc, p); };
  return info;
}

}  // namespace entente
