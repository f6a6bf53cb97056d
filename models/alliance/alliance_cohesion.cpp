// AllianceCohesion — Friedkin-Johnsen stances, cohesion, coalitions and
// burden sharing (docs/models/alliance_cohesion.md).
//
// Members i of the alliance, dimensions d in {0, 1} (the two adversaries of
// the `dimensions` role), normalised influence weights w_i (W_ij = w_j):
//   anchors   v_id = clamp(a_id - (1 - k_r R_d) k_c c_id + k_t q_i (T_d + phi T_d'), 0, 1)
//             c_id = clamp(e_id P_id + sum over narrow levers l of e_idl (L - B), -e_id, e_id)
//             u_id = v_id + C_d (sum_j w_j v_jd - v_id)            strategic communications pull
//             u_id <- u_id + G_id (sum_j w_j u_jd - u_id),  G_id = 1 - exp(-k_g q_i (T_d + phi T_d'))
//                                                                   rally: a common threat pulls the line together
//   stances   x_id <- x_id + r (lambda_i sum_j w_j x_jd + (1 - lambda_i) u_id - x_id),
//             r = min(1, opinion_rate dt)                           (Friedkin & Johnsen 1990)
//   cohesion  K_d = clamp(1 - 2 sqrt(sum_i w_i (x_id - xbar_d)^2), 0, 1), K = (K_0 + K_1) / 2
//   coalition i applies an alliance-owned lever l on adversary d iff x_id >= threshold_l
//   spending  b_i = s_i(0) + beta (ln(Y_i/Y_A) - ln(Y_i(0)/Y_A(0))) + g q_i (T_0 + T_1)
//             s*_i = b_i + delta max(0, tau_i - b_i),  tau_i = target_at_full L (defence lever)
//             s_i <- clamp(s_i + (1 - (1 - rho)^dt)(s*_i - s_i) + sd sqrt(dt) eps, 0, 0.1)
//   threat    T_j <- T_j 0.5^(dt / half_life) after use              (every actor)
// e_id: trade of i with adversary d both ways over i's GDP, a blend of the
// start year and now; P_id: sum over the coercive levers i applies on d of
// (L - baseline) of the broad kinds (sanctions, secondary sanctions, tariffs),
// clamped to [-1, 1]; e_idl: what a narrow lever (export controls: i's sales
// to d in its channels; investment screening: its channels both ways) puts
// at risk; R_d, C_d: strategic communications.
#include "models/alliance/alliance_cohesion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"
#include "sim/util/suggest.hpp"

namespace entente {

namespace {

constexpr double kMaxShare = 0.1;  // defence spending shares stay in [0, 0.1]
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Levers whose cost a member bears in proportion to its trade with the target.
bool coercive(LeverKind k) {
  return k == LeverKind::kSanctions || k == LeverKind::kSecondarySanctions || k == LeverKind::kExportControls ||
         k == LeverKind::kInvestmentScreening || k == LeverKind::kTariffs;
}

// Scalar parameters, in the order of kParamNames.
enum P : std::size_t {
  kParticipationThreshold,
  kOpinionRate,
  kStartEquilibrium,
  kCostCoefficient,
  kExposureAdaptation,
  kThreatCoefficient,
  kThreatSpillover,
  kThreatHalfLife,
  kStratcomConvergence,
  kStratcomResilience,
  kSpendingAdjustment,
  kSizeElasticity,
  kThreatSpending,
  kTargetCompliance,
  kTargetAtFull,
  kSpendingNoiseSd,
  kAtTargetShare,
  kThreatRally,
  kParamCount
};
constexpr const char* kParamNames[kParamCount] = {
    "participation_threshold",
    "opinion_rate",
    "start_equilibrium",
    "cost_coefficient",
    "exposure_adaptation",
    "threat_coefficient",
    "threat_spillover",
    "threat_half_life",
    "stratcom_convergence",
    "stratcom_resilience",
    "spending_adjustment",
    "size_elasticity",
    "threat_spending",
    "target_compliance",
    "target_at_full",
    "spending_noise_sd",
    "at_target_share",
    "threat_rally",
};

enum class Out { kCohesion, kChinaConsensus, kDimension, kStance, kCoalition, kMilexShare, kAtTarget };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, d = 0, slot = 0;  // a: actor (stance, milex_share) or lever (coalition_share)
};

class AllianceCohesion final : public Model {
 public:
  AllianceCohesion(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    for (std::size_t k = 0; k < kParamCount; ++k) g_[k] = p.at(kParamNames[k]);
    anchor_[0] = p.actor("anchor_1");
    anchor_[1] = p.actor("anchor_2");
    susceptibility_ = p.actor("susceptibility");
    influence_ = p.actor("influence");
    sensitivity_ = p.actor("threat_sensitivity");

    auto role = [&](const char* name) -> std::vector<std::size_t> {
      auto it = p.roles.find(name);
      return it == p.roles.end() ? std::vector<std::size_t>{} : it->second;
    };
    const auto alliance = role("alliance");
    const auto dims = role("dimensions");
    if (alliance.size() != 1 || dims.size() != 2) return;  // already reported by the loader
    alliance_ = alliance[0];
    dims_[0] = dims[0];
    dims_[1] = dims[1];
    member_pos_.assign(n_, kNone);
    // A nested alliance or a repeated id adds no member of its own.
    for (std::size_t m : sc.members_or_self(alliance_)) {
      if (sc.spec.actors[m].kind == ActorKind::kAlliance || member_pos_[m] != kNone) continue;
      member_pos_[m] = members_.size();
      members_.push_back(m);
    }
    if (members_.empty()) return;
    valid_ = true;

    for (std::size_t l = 0; l < sc.levers.size(); ++l) {
      const CompiledLever& lv = sc.levers[l];
      int dim = -1;
      for (int d = 0; d < 2; ++d)
        if (lv.target == dims_[d]) dim = d;
      const bool by_alliance = lv.owner == alliance_;
      const bool by_member = lv.owner < n_ && member_pos_[lv.owner] != kNone;
      // Only measures against the adversary need a hard line to join; a
      // dove is not less willing to engage, talk arms control or partner.
      const bool restrictive = coercive(lv.kind) || lv.kind == LeverKind::kEnergyDiversification;
      if (dim >= 0 && by_alliance && restrictive) gated_.push_back({l, static_cast<std::size_t>(dim)});
      if (dim >= 0 && coercive(lv.kind)) cost_levers_.push_back({l, static_cast<std::size_t>(dim)});
      if (lv.kind == LeverKind::kStrategicCommunications && (by_alliance || by_member))
        stratcom_.push_back({l, dim < 0 ? 2u : static_cast<std::size_t>(dim)});  // 2: both dimensions
      if (lv.kind == LeverKind::kDefenceSpending && (by_alliance || by_member)) defence_.push_back(l);
    }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    const std::size_t np = s.parts.size();
    const bool known = s.family == "cohesion" || s.family == "china_consensus" || s.family == "cohesion_dimension" ||
                       s.family == "stance" || s.family == "coalition_share" || s.family == "milex_share" ||
                       s.family == "members_at_target";
    if (!known) return false;
    if (!valid_) {
      error = "AllianceCohesion has no valid alliance and dimensions";
      return false;
    }
    const std::string& alliance_id = sc_.actor_ids[alliance_];
    auto is_alliance = [&](std::size_t i) {
      if (s.parts[i] == alliance_id) return true;
      error = "'" + s.family + "' takes the alliance of AllianceCohesion, '" + alliance_id + "', not '" + s.parts[i] +
              "'";
      return false;
    };
    auto dimension = [&](std::size_t i) -> std::optional<std::size_t> {
      for (std::size_t d = 0; d < 2; ++d)
        if (s.parts[i] == sc_.actor_ids[dims_[d]]) return d;
      error = "'" + s.parts[i] + "' is not a dimension of AllianceCohesion (" + sc_.actor_ids[dims_[0]] + " or " +
              sc_.actor_ids[dims_[1]] + ")";
      return std::nullopt;
    };
    auto member = [&](std::size_t i) -> std::optional<std::size_t> {
      auto a = series_actor(sc_, s, i, error);
      if (!a) return std::nullopt;
      if (member_pos_[*a] == kNone) {
        error = "'" + s.parts[i] + "' is not a member of the alliance '" + alliance_id + "'";
        return std::nullopt;
      }
      return a;
    };
    OutputRequest r{Out::kCohesion, 0, 0, slot};
    if ((s.family == "cohesion" || s.family == "china_consensus" || s.family == "members_at_target") && np == 1) {
      if (!is_alliance(0)) return false;
      r.kind = s.family == "cohesion" ? Out::kCohesion
               : s.family == "china_consensus" ? Out::kChinaConsensus
                                               : Out::kAtTarget;
    } else if (s.family == "cohesion_dimension" && np == 2) {
      if (!is_alliance(0)) return false;
      auto d = dimension(1);
      if (!d) return false;
      r = {Out::kDimension, 0, *d, slot};
    } else if (s.family == "stance" && np == 2) {
      auto a = member(0);
      if (!a) return false;
      auto d = dimension(1);
      if (!d) return false;
      r = {Out::kStance, *a, *d, slot};
    } else if (s.family == "milex_share" && np == 1) {
      auto a = member(0);
      if (!a) return false;
      r = {Out::kMilexShare, *a, 0, slot};
    } else if (s.family == "coalition_share" && np == 1) {
      auto l = sc_.lever_index(s.parts[0]);
      if (!l) {
        error = "unknown lever '" + s.parts[0] + "'" + did_you_mean(s.parts[0], sc_.lever_ids());
        return false;
      }
      if (sc_.levers[*l].owner != alliance_) {
        error = "lever '" + s.parts[0] + "' is not owned by the alliance '" + alliance_id + "'";
        return false;
      }
      r = {Out::kCoalition, *l, 0, slot};
    } else {
      error = "'" + s.family + "' has the wrong number of parts";
      return false;
    }
    requests_.push_back(r);
    return true;
  }

  // Layout: defence spending share per member [m], cohesion per dimension [2].
  std::size_t state_size() const override { return valid_ ? members_.size() + 2 : 0; }

  void initialize(RunState& s, std::size_t off) const override {
    if (!valid_) return;
    const std::size_t m = members_.size();
    double* share = &s.model_state[off];
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t i = members_[k];
      share[k] = std::clamp(s.sampled[sc_.milex_share_slot[i]], 0.0, kMaxShare);
      s.milex_target_share[i] = 0.0;  // no floor before the first step weighs the target
    }
    thread_local std::vector<double> w, u;
    weights(s, w);
    const bool equilibrium = v(s, kStartEquilibrium) >= 0.5;
    for (std::size_t d = 0; d < 2; ++d) {
      anchors(s, d, w, u);
      if (!equilibrium) {
        for (std::size_t k = 0; k < m; ++k) s.stance[members_[k] * 2 + d] = u[k];
        continue;
      }
      // Fixed point of x = Lambda W x + (I - Lambda) u with W_ij = w_j:
      // the weighted mean M = sum_i w_i x_i solves M = sum_i w_i (lambda_i M + (1 - lambda_i) u_i).
      double num = 0, den = 1, mean_u = 0;
      for (std::size_t k = 0; k < m; ++k) {
        const double lam = lambda(s, k);
        num += w[k] * (1.0 - lam) * u[k];
        den -= w[k] * lam;
        mean_u += w[k] * u[k];
      }
      const double mean = den > 1e-12 ? num / den : mean_u;  // all lambda = 1: consensus at the anchors' mean
      for (std::size_t k = 0; k < m; ++k) {
        const double lam = lambda(s, k);
        s.stance[members_[k] * 2 + d] = std::clamp(lam * mean + (1.0 - lam) * u[k], 0.0, 1.0);
      }
    }
    finish(s, off, w);
  }

  void step(RunState& s, std::size_t off) const override {
    if (!valid_) return;
    const std::size_t m = members_.size();
    const double dt = s.dt;
    thread_local std::vector<double> w, u, next;
    weights(s, w);
    next.resize(m);
    const double r = std::min(1.0, v(s, kOpinionRate) * dt);
    for (std::size_t d = 0; d < 2; ++d) {
      anchors(s, d, w, u);
      double mean = 0;
      for (std::size_t k = 0; k < m; ++k) mean += w[k] * s.stance[members_[k] * 2 + d];
      for (std::size_t k = 0; k < m; ++k) {
        const double lam = lambda(s, k);
        const double x = s.stance[members_[k] * 2 + d];
        const double fj = lam * mean + (1.0 - lam) * u[k];
        next[k] = std::clamp(x + r * (fj - x), 0.0, 1.0);
      }
      for (std::size_t k = 0; k < m; ++k) s.stance[members_[k] * 2 + d] = next[k];
    }
    spending(s, off);
    // Threats fade after they have acted this step; events add new ones.
    const double half_life = std::max(1e-6, v(s, kThreatHalfLife));
    const double decay = std::pow(0.5, dt / half_life);
    for (double& t : s.threat) t = std::max(0.0, t * decay);
    finish(s, off, w);
  }

 private:
  double v(const RunState& s, P k) const { return s.sampled[g_[k].slot]; }
  double actor_v(const RunState& s, const std::vector<ParamHandle>& h, std::size_t k) const {
    return s.sampled[h[members_[k]].slot];
  }
  double lambda(const RunState& s, std::size_t k) const {
    return std::clamp(actor_v(s, susceptibility_, k), 0.0, 1.0);
  }

  // Normalised influence weights: W_ij = w_j, the same row for every member,
  // so W is row-stochastic. Equal weights when no member has influence.
  void weights(const RunState& s, std::vector<double>& w) const {
    const std::size_t m = members_.size();
    w.resize(m);
    double total = 0;
    for (std::size_t k = 0; k < m; ++k) total += (w[k] = std::max(0.0, actor_v(s, influence_, k)));
    for (std::size_t k = 0; k < m; ++k) w[k] = total > 0 ? w[k] / total : 1.0 / static_cast<double>(m);
  }

  // Member i's trade with actor j, both ways, over i's GDP: a blend of the
  // start year (the ties sanctions put at risk) and now (adaptation).
  double exposure(const RunState& s, std::size_t i, std::size_t j, double adaptation) const {
    return exposure_in(s, i, j, adaptation, nullptr);
  }

  // What lever `narrow` puts at risk for member i, over i's GDP: for export
  // controls i's own sales to j in the lever's channels, for investment
  // screening the flows both ways in its channels (credit by default). With
  // nullptr: all trade both ways, what broad measures put at risk.
  double exposure_in(const RunState& s, std::size_t i, std::size_t j, double adaptation,
                     const CompiledLever* narrow) const {
    double start = 0, now = 0;
    const bool both_ways = !narrow || narrow->kind != LeverKind::kExportControls;
    const std::size_t channels = narrow ? kChannelCount : kTradeChannelCount;
    for (std::size_t k = 0; k < channels; ++k) {
      const Channel c = static_cast<Channel>(k);
      if (narrow && (c == Channel::kPayments || !narrow->covers(c))) continue;
      start += s.flows_initial[s.flow_index(k, i, j)];
      now += s.flows[s.flow_index(k, i, j)];
      if (both_ways) {
        start += s.flows_initial[s.flow_index(k, j, i)];
        now += s.flows[s.flow_index(k, j, i)];
      }
    }
    const double e0 = start / std::max(s.gdp_initial[i], 1e-9);
    const double e1 = now / std::max(s.gdp[i], 1e-9);
    return (1.0 - adaptation) * e0 + adaptation * e1;
  }

  // Export controls and investment screening restrict one channel in one
  // direction (or capital only) and meet narrow retaliation (China's 2023
  // gallium and germanium licences), so their cost counts the trade they
  // restrict; sanctions, secondary sanctions and tariffs invite retaliation
  // across the relationship (Russia's 2014 food embargo, its 2022 gas cuts)
  // and count all trade (docs/models/alliance_cohesion.md, "Cost term").
  static bool narrow_cost(LeverKind k) {
    return k == LeverKind::kExportControls || k == LeverKind::kInvestmentScreening;
  }

  // Anchors u(t) of every member on dimension d.
  void anchors(const RunState& s, std::size_t d, const std::vector<double>& w, std::vector<double>& u) const {
    const std::size_t m = members_.size();
    u.resize(m);
    // Strategic communications on this dimension: R (intensity above the
    // baseline) scales down the adversary's cost lever, C pulls anchors together.
    double R = 0, C = 0;
    for (const auto& [l, dim] : stratcom_) {
      if (dim != 2 && dim != d) continue;
      const CompiledLever& lv = sc_.levers[l];
      const double dl = std::max(0.0, s.lever_intensity[l] - lv.baseline_intensity);
      const double conv = lv.effect_slot ? std::clamp(s.sampled[*lv.effect_slot], 0.0, 1.0) : v(s, kStratcomConvergence);
      R += dl;
      C += conv * dl;
    }
    R = std::min(1.0, R);
    C = std::min(1.0, C);
    const double cost_scale = std::clamp(1.0 - v(s, kStratcomResilience) * R, 0.0, 1.0) * v(s, kCostCoefficient);
    const double adaptation = v(s, kExposureAdaptation);
    const std::size_t adversary = dims_[d], other = dims_[1 - d];
    const double threat = std::max(0.0, s.threat[adversary]) + v(s, kThreatSpillover) * std::max(0.0, s.threat[other]);
    const double kt = v(s, kThreatCoefficient);
    const std::size_t n = n_;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t i = members_[k];
      // Pressure: the coercive levers on this adversary that i applies (an
      // alliance lever this component gates counts whether or not i takes
      // part this step: joining is what the member weighs).
      // Broad levers share one exposure (all trade) and clamp as one
      // pressure; narrow ones each weigh the trade they restrict.
      double pressure = 0, narrow = 0;
      for (const auto& [l, dim] : cost_levers_) {
        if (dim != d) continue;
        const CompiledLever& lv = sc_.levers[l];
        const bool gated = lv.owner == alliance_;
        const bool in = std::find(lv.coalition.begin(), lv.coalition.end(), i) != lv.coalition.end();
        if (!in || (!gated && !s.participates[l * n + i])) continue;
        const double dl = s.lever_intensity[l] - lv.baseline_intensity;
        if (dl == 0) continue;
        if (narrow_cost(lv.kind)) narrow += dl * exposure_in(s, i, adversary, adaptation, &lv);
        else pressure += dl;
      }
      pressure = std::clamp(pressure, -1.0, 1.0);
      double cost = 0;
      if (pressure != 0 || narrow != 0) {
        const double all = exposure(s, i, adversary, adaptation);
        // Together never more than full pressure on all of the member's trade.
        cost = cost_scale * std::clamp(pressure * all + narrow, -all, all);
      }
      const double raise = kt * std::max(0.0, actor_v(s, sensitivity_, k)) * threat;
      u[k] = std::clamp(actor_v(s, anchor_[d], k) - cost + raise, 0.0, 1.0);
    }
    if (C > 0) {
      double mean = 0;
      for (std::size_t k = 0; k < m; ++k) mean += w[k] * u[k];
      for (std::size_t k = 0; k < m; ++k) u[k] = std::clamp(u[k] + C * (mean - u[k]), 0.0, 1.0);
    }
    // Rally (balance of threat): a threat that all members face pulls their
    // anchors towards the alliance's (already raised) mean line, so a common
    // threat raises the mean stance and lowers the dispersion: cohesion rises.
    // The pull scales with each member's threat_sensitivity: distant allies
    // rally less (Türkiye stayed out of the 2022 sanctions).
    const double kg = std::max(0.0, v(s, kThreatRally)) * threat;
    if (kg > 0) {
      double mean = 0;
      for (std::size_t k = 0; k < m; ++k) mean += w[k] * u[k];
      for (std::size_t k = 0; k < m; ++k) {
        const double rally = 1.0 - std::exp(-kg * std::max(0.0, actor_v(s, sensitivity_, k)));
        u[k] = std::clamp(u[k] + rally * (mean - u[k]), 0.0, 1.0);
      }
    }
  }

  void spending(RunState& s, std::size_t off) const {
    const std::size_t m = members_.size();
    const double dt = s.dt;
    double* share = &s.model_state[off];
    double ya = 0, ya0 = 0;
    for (std::size_t i : members_) {
      ya += std::max(s.gdp[i], 1e-9);
      ya0 += std::max(s.gdp_initial[i], 1e-9);
    }
    const double beta = v(s, kSizeElasticity), gamma = v(s, kThreatSpending);
    const double delta = v(s, kTargetCompliance), sd = v(s, kSpendingNoiseSd);
    const double rate = 1.0 - std::pow(1.0 - std::clamp(v(s, kSpendingAdjustment), 0.0, 1.0), dt);
    const double threat = std::max(0.0, s.threat[dims_[0]]) + std::max(0.0, s.threat[dims_[1]]);
    Stream& stream = s.model_streams[index()];
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t i = members_[k];
      const double eps = stream.normal();  // one draw per member per step, whatever happens
      // The target the defence spending levers set for i (the largest).
      double target = 0;
      for (std::size_t l : defence_) {
        const CompiledLever& lv = sc_.levers[l];
        if (lv.owner != alliance_ && lv.owner != i) continue;
        const double full = lv.effect_slot ? s.sampled[*lv.effect_slot] : v(s, kTargetAtFull);
        target = std::max(target, std::clamp(full, 0.0, kMaxShare) * s.lever_intensity[l]);
      }
      const double size = std::log(std::max(s.gdp[i], 1e-9) / ya) - std::log(std::max(s.gdp_initial[i], 1e-9) / ya0);
      const double start = std::clamp(s.sampled[sc_.milex_share_slot[i]], 0.0, kMaxShare);
      const double base = start + beta * size + gamma * std::max(0.0, actor_v(s, sensitivity_, k)) * threat;
      const double desired = base + delta * std::max(0.0, target - base);
      share[k] = std::clamp(share[k] + rate * (desired - share[k]) + sd * std::sqrt(dt) * eps, 0.0, kMaxShare);
      // PowerArms takes this as a floor on i's spending, so publish it only
      // while the lever's target pulls i above its own desired share: a
      // floor at every member's own share would stop arms control or a
      // stable race from ever lowering allied spending.
      s.milex_target_share[i] = target > base ? share[k] : 0.0;
    }
  }

  // Cohesion, coalitions and outputs from the current stances.
  void finish(RunState& s, std::size_t off, const std::vector<double>& w) const {
    const std::size_t m = members_.size();
    double* coh = &s.model_state[off + m];
    for (std::size_t d = 0; d < 2; ++d) {
      double mean = 0, var = 0;
      for (std::size_t k = 0; k < m; ++k) mean += w[k] * s.stance[members_[k] * 2 + d];
      for (std::size_t k = 0; k < m; ++k) {
        const double e = s.stance[members_[k] * 2 + d] - mean;
        var += w[k] * e * e;
      }
      coh[d] = std::clamp(1.0 - 2.0 * std::sqrt(std::max(0.0, var)), 0.0, 1.0);
    }
    s.cohesion = 0.5 * (coh[0] + coh[1]);
    s.china_consensus = coh[1];

    const double global_threshold = v(s, kParticipationThreshold);
    for (const auto& [l, d] : gated_) {
      const CompiledLever& lv = sc_.levers[l];
      const double threshold = lv.participation ? *lv.participation : global_threshold;
      for (std::size_t i : lv.coalition) {
        if (i >= n_ || member_pos_[i] == kNone) continue;
        s.participates[l * n_ + i] = s.stance[i * 2 + d] >= threshold ? 1 : 0;
      }
    }

    const double at_target = v(s, kAtTargetShare);
    for (const auto& r : requests_) {
      double val = 0;
      switch (r.kind) {
        case Out::kCohesion: val = s.cohesion; break;
        case Out::kChinaConsensus: val = s.china_consensus; break;
        case Out::kDimension: val = coh[r.d]; break;
        case Out::kStance: val = s.stance[r.a * 2 + r.d]; break;
        case Out::kMilexShare: val = s.model_state[off + member_pos_[r.a]]; break;
        case Out::kCoalition: {
          std::size_t in = 0;
          for (std::size_t i : members_) in += s.participates[r.a * n_ + i] ? 1u : 0u;
          val = static_cast<double>(in) / static_cast<double>(m);
          break;
        }
        case Out::kAtTarget: {
          std::size_t in = 0;
          for (std::size_t k = 0; k < m; ++k) in += s.model_state[off + k] >= at_target - 1e-12 ? 1u : 0u;
          val = static_cast<double>(in) / static_cast<double>(m);
          break;
        }
      }
      s.series[r.slot] = val;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  bool valid_ = false;
  ParamHandle g_[kParamCount];
  std::vector<ParamHandle> anchor_[2], susceptibility_, influence_, sensitivity_;
  std::size_t alliance_ = 0;
  std::size_t dims_[2] = {0, 0};
  std::vector<std::size_t> members_;     // actor indices of the members, in the alliance's order
  std::vector<std::size_t> member_pos_;  // actor -> position in members_, kNone if not a member
  std::vector<std::pair<std::size_t, std::size_t>> gated_;       // (lever, dimension): alliance levers on an adversary
  std::vector<std::pair<std::size_t, std::size_t>> cost_levers_;  // (lever, dimension): coercive levers on an adversary
  std::vector<std::pair<std::size_t, std::size_t>> stratcom_;     // (lever, dimension or 2 for both)
  std::vector<std::size_t> defence_;                              // defence_spending levers of the alliance or a member
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo alliance_cohesion_info() {
  ModelInfo info;
  info.name = "AllianceCohesion";
  info.family = "alliance";
  info.summary =
      "Friedkin-Johnsen stances of alliance members on two adversaries, cohesion, stance-gated coalitions, "
      "burden-shared defence spending";
  const std::string fj = "Friedkin & Johnsen 1990";
  const std::string oz = "Olson & Zeckhauser 1966";
  info.params = {
      {"participation_threshold", 0.5, 0.0, 1.0, "stance",
       "stance a member needs to apply an alliance lever on an adversary (a lever's own 'participation' overrides it)",
       "assumption: members join when they lean to the hard line (the scale's midpoint); 2014 and 2022 splits "
       "(Hungary, Turkiye) are the calibration targets"},
      {"opinion_rate", 1.0, 0.01, 4.0, "1/year",
       "Friedkin-Johnsen rounds per year: each step moves stances a share min(1, rate dt) of the way to the FJ update",
       "assumption: one round of alliance consultation a year (summit cycle)"},
      {"start_equilibrium", 1.0, 0.0, 1.0, "flag",
       ">= 0.5: start stances at the FJ fixed point of the start anchors; else at the anchors",
       "assumption: start-year positions are the outcome of long consultation, so no spurious drift"},
      {"cost_coefficient", 5.0, 0.0, 100.0, "stance per (trade/GDP x intensity)",
       "k_c: fall of the anchor per unit of exposure (trade with the adversary over GDP) at full lever pressure",
       "assumption: a member trading 8% of GDP with the target (Hungary-Russia) loses 0.4 of hard line at full "
       "sanctions, the EU average (~2%) 0.1; seed 000 on sanctions costs"},
      {"exposure_adaptation", 0.5, 0.0, 1.0, "1",
       "weight of current flows (vs start-year flows) in exposure: 1 = members adapt fully as trade re-routes",
       "assumption: after 2022 the EU cut Russian energy and positions hardened (seed 001)"},
      {"threat_coefficient", 0.15, 0.0, 2.0, "stance per unit threat",
       "k_t: rise of the anchor per unit of the adversary's threat at threat_sensitivity 1",
       "assumption: the 2014 and 2022 aggressions moved allies' positions sharply (seed 001)"},
      {"threat_spillover", 0.25, 0.0, 1.0, "1",
       "phi: share of the other adversary's threat that also raises the hard line on this one",
       "assumption: NATO's 2022 Strategic Concept named China after Russia's invasion (seed 004)"},
      {"threat_half_life", 3.0, 0.1, 100.0, "years", "half-life of the shared threat field (every actor's threat decays)",
       "assumption: post-2014 hardening faded within a few years (Nord Stream 2 approval 2015-18)"},
      {"stratcom_convergence", 0.5, 0.0, 1.0, "1",
       "C per unit of strategic communications above baseline: pull of anchors towards the weighted mean anchor "
       "(a lever's own 'effect' overrides it)",
       "seed 001: strategic communications to build common understanding of the twin challenge"},
      {"stratcom_resilience", 0.5, 0.0, 1.0, "1",
       "k_r: share of the sanctions-cost term removed at full strategic communications (less adversary influence)",
       "seed 001: platforms to counter Russian and Chinese information operations; size assumption"},
      {"spending_adjustment", 0.25, 0.01, 1.0, "1/year", "rho: share of the gap to the desired defence share closed a year",
       "assumption: NATO allies took a decade (2014-2024) to move from 3 to 23 at 2%"},
      {"size_elasticity", 0.005, -0.05, 0.05, "share per log point",
       "beta: change of the desired share per log point of the member's share of alliance GDP (since the start)",
       oz + ": larger allies carry a larger burden share; size assumption"},
      {"threat_spending", 0.005, 0.0, 0.05, "share per unit threat",
       "gamma: rise of the desired share per unit of adversary threat at threat_sensitivity 1",
       "assumption: 2022 spending jumps of frontline allies (NATO defence expenditure report 2024)"},
      {"target_compliance", 0.6, 0.0, 1.0, "1",
       "delta: share of the gap to the alliance target a member below it closes in its desired share",
       "NATO defence expenditure reports: 3 allies at >= 2% in 2014, 23 of 32 in 2024 (partial compliance)"},
      {"target_at_full", 0.035, 0.0, 0.1, "share of GDP",
       "target share at defence_spending intensity 1 (target = target_at_full x L: 2% at L = 0.57); a lever's "
       "'effect' overrides it",
       "NATO 2% guideline (Wales 2014); 3.5% core target agreed at The Hague 2025"},
      {"spending_noise_sd", 0.001, 0.0, 0.02, "share per sqrt(year)", "sd of yearly shocks to each member's share",
       "assumption: year-to-year swings of allies' shares of about 0.1 pp (NATO reports)"},
      {"threat_rally", 0.0, 0.0, 10.0, "1 per unit threat",
       "k_g: rally effect; a threat T pulls member i's anchor a share 1 - exp(-k_g q_i T) of the way to the "
       "members' weighted mean, q_i its threat_sensitivity (0: off)",
       "Walt 1987 (balance of threat: a common threat binds allies); 2022: Finland and Sweden applied to join, "
       "the EU adopted its sanctions packages unanimously; assumption: the outlook draws it from a range argued "
       "in docs/models/alliance_cohesion.md"},
      {"at_target_share", 0.02, 0.0, 0.1, "share of GDP", "threshold of members_at_target",
       "NATO 2% guideline (Wales summit 2014)"},
  };
  info.actor_params = {
      {"anchor_1", 0.5, 0.0, 1.0, "stance", "u(0) on dimension 0 (the first adversary): the member's own hard line",
       "assumption: set per member from its declared policy"},
      {"anchor_2", 0.5, 0.0, 1.0, "stance", "u(0) on dimension 1 (the second adversary)",
       "assumption: set per member from its declared policy"},
      {"susceptibility", 0.6, 0.0, 1.0, "1",
       "lambda: weight on the others' stances, 1 - weight on the own anchor (low = strong domestic constraints)",
       fj + "; value assumption"},
      {"influence", 1.0, 0.0, 1000.0, "1",
       "diplomatic weight: W_ij proportional to influence_j (row-normalised); also the cohesion weights",
       "assumption: US leadership = large influence (seed 001)"},
      {"threat_sensitivity", 1.0, 0.0, 5.0, "1",
       "how much an adversary's threat moves the member's anchor and spending (most for the nearest)",
       "assumption: Poland and the Baltic states reacted most in 2014 and 2022"},
  };
  info.roles = {
      {"alliance", "the alliance whose members' stances are modelled", 1, 1, RoleActors::kAlliances},
      {"dimensions", "the two adversaries: stance dimension 0 and 1 (e.g. [russia, china])", 2, 2,
       RoleActors::kNoAlliances},
  };
  info.outputs = {
      {"cohesion.<alliance>", "overall cohesion in [0,1]: mean of the two dimensions"},
      {"china_consensus.<alliance>", "cohesion on dimension 1 (the second adversary)"},
      {"cohesion_dimension.<alliance>.<adversary>", "cohesion on one dimension: 1 - 2 x weighted sd of stances"},
      {"stance.<member>.<adversary>", "member's hard line on the adversary, in [0,1]"},
      {"coalition_share.<lever>", "share of members (by count) applying an alliance-owned lever this step"},
      {"milex_share.<member>", "defence spending share of GDP the member seeks (milex_target_share)"},
      {"members_at_target.<alliance>", "share of members at or above at_target_share"},
  };
  info.reads = {"flows", "flows_initial", "gdp", "gdp_initial", "lever_intensity", "participates", "threat"};
  info.writes = {"stance", "cohesion", "china_consensus", "participates", "milex_target_share", "threat"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) {
    return std::make_unique<AllianceCohesion>(sc, p);
  };
  return info;
}

}  // namespace entente
