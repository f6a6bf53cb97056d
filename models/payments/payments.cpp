// Payments — settlement-currency inertia plus network adoption.
//
// Settlement shares (docs/models/payments.md). Holder i settles T_i =
// sum_j X_ji(0) in the payments channel (X_ji = flows[payments, j, i], the
// percent of i's settlements in j's currency or system). The choice set of i
// is J_i = { j : X_ji(0) > 0 }, c_ij(0) = X_ji(0) / T_i. Each step, for j in J_i:
//   a_ij(t)  = log c_ij(0) + trend_j (year - year0)          attractor without drivers
//   Z_ij     = b_fin  sum_{l sanctions on i, covers payments, j applies l}  (L_l - B_l)
//            + b_sec  sum_{l secondary on i, covers payments, j on l's sender side} (L_l - B_l)
//            + b_fric e_j sum_{l secondary on i, covers payments, j not on l's sender side} (L_l - B_l)
//            + b_adopt (N_j - N_j(0)) / m_j                  j runs a payment system
//   u_ij    <- r u_ij + (1 - r)(a_ij + Z_ij)                 (Chinn & Frankel 2007 inertia)
//   r = rho_b^dt while j applies a payments-covering sanctions lever on i above
//       its baseline (j's currency is blocked for i's banks: switching is
//       forced, not chosen), else rho^dt
// The friction term is the cost secondary sanctions put on the target's
// settlements through third-country banks: e_j (`secondary_exposure`) is
// how much issuer j's banks retreat from them (Chinese banks refusing
// Russian payments in 2024). The shares of issuers outside every coercive
// coalition (third currencies) stay as the floor of the others' shares, so
// the ruble+yuan share of Russia-China settlements levels off below 1.
//   c_ij     = exp(u_ij) / sum_{k in J_i} exp(u_ik)          (multinomial logit)
//   X_ji     = T_i c_ij                                      (total per holder constant)
// u_ij - u_ik is the log-odds log(c_ij / c_ik): the update is the brief's
// logit form for every reference currency at once.
//
// Alternative payment systems (Bass 1969), for each actor o with N_o(0) > 0:
//   P_o = sum over sanctions levers l covering payments of w_lo (L_l - B_l),
//         w_lo = 1 if o is l's target, `sanctions_spillover` if o sanctions the
//         target through no sanctions lever (a non-sender), else 0
//   S_o = the same over secondary-sanctions levers covering payments (o a
//         third country: not the target, not on the lever's sender side)
//   Q_o = sum over partnership levers l with o its target or a participant of (L_l - B_l)
//   P_o also sums (L_l - B_l) over payment_push levers o applies; such a lever adds
//   b_push (L_l - B_l) to Z_ij of its applier j in its target i's settlements
//   p_o = p max(0, 1 + k_p P_o),  q_o = q max(0, 1 + k_q Q_o),  M_o = m_o exp(-k_m S_o)
//   N_o <- min(M_o, N_o + (p_o + q_o N_o / M_o)(M_o - N_o) dt)   if N_o < M_o, else M_o
#include "models/payments/payments.hpp"

#include <algorithm>
#include <cmath>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

namespace {

constexpr std::size_t kPay = static_cast<std::size_t>(Channel::kPayments);
// Bounds that keep every value finite whatever the inputs (a log-odds of
// 1e4 is far beyond any share a double can tell from 0 or 1).
constexpr double kMaxLogOdds = 1e4;
constexpr double kMaxExponent = 50.0;

enum class Out { kShare, kParticipants, kAdoption };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, b = 0, slot = 0;
};

class Payments final : public Model {
 public:
  Payments(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    rho_ = p.at("inertia");
    b_fin_ = p.at("financial_sanctions_effect");
    b_sec_ = p.at("secondary_sanctions_effect");
    b_adopt_ = p.at("adoption_effect");
    b_fric_ = p.at("secondary_friction_effect");
    rho_blocked_ = p.at("blocked_inertia");
    exposure_ = p.actor("secondary_exposure");
    bass_p_ = p.at("bass_innovation");
    bass_q_ = p.at("bass_imitation");
    k_p_ = p.at("sanctions_adoption_push");
    spill_ = p.at("sanctions_spillover");
    k_m_ = p.at("secondary_market_cut");
    k_q_ = p.at("partnership_imitation_boost");
    b_push_ = p.at("payment_push_effect");
    n0_ = p.actor("system_participants");
    m_ = p.actor("system_market");
    trend_ = p.actor("currency_trend");
    alliance_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) alliance_[i] = sc.spec.actors[i].kind == ActorKind::kAlliance;
    for (std::size_t l = 0; l < sc.levers.size(); ++l) {
      const CompiledLever& lv = sc.levers[l];
      switch (lv.kind) {
        case LeverKind::kSanctions:
          sanctions_.push_back(l);
          if (lv.covers(Channel::kPayments)) financial_.push_back(l);
          break;
        case LeverKind::kSecondarySanctions:
          if (lv.covers(Channel::kPayments)) secondary_.push_back(l);
          break;
        case LeverKind::kPartnership: partnership_.push_back(l); break;
        case LeverKind::kPaymentPush: push_.push_back(l); break;
        default: break;
      }
    }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    Out kind;
    std::size_t arity = 1;
    if (s.family == "settlement_share") {
      kind = Out::kShare;
      arity = 2;
    } else if (s.family == "payment_system") {
      kind = Out::kParticipants;
    } else if (s.family == "payment_system_adoption") {
      kind = Out::kAdoption;
    } else {
      return false;
    }
    auto ids = series_actors(sc_, s, arity, error, {.roles = arity == 2 ? "holder, issuer" : ""});
    if (!ids) return false;
    requests_.push_back({kind, (*ids)[0], arity == 2 ? (*ids)[1] : 0, slot});
    return true;
  }

  // Layout: u[n * n] (u[i * n + j]: log-share state of issuer j in holder i's
  // settlements), N[n] (participants of actor o's payment system).
  std::size_t state_size() const override { return n_ * n_ + n_; }

  void initialize(RunState& s, std::size_t off) const override {
    double* u = &s.model_state[off];
    double* N = &s.model_state[off + n_ * n_];
    for (std::size_t i = 0; i < n_; ++i) {
      const double total = holder_total(s, i);
      for (std::size_t j = 0; j < n_; ++j) {
        const double x0 = s.flows_initial[s.flow_index(kPay, j, i)];
        u[i * n_ + j] = (total > 0 && x0 > 0) ? std::log(x0 / total) : 0.0;
      }
      N[i] = runs_system(s, i) ? s.sampled[n0_[i].slot] : 0.0;
    }
    write_flows(s, off);
    write_outputs(s, off);
  }

  void step(RunState& s, std::size_t off) const override {
    double* u = &s.model_state[off];
    double* N = &s.model_state[off + n_ * n_];
    const double dt = s.dt;

    // 1. Alternative payment systems: Bass diffusion with lever-driven p, q, m.
    for (std::size_t o = 0; o < n_; ++o) {
      if (!runs_system(s, o)) continue;
      double P = 0, S = 0, Q = 0;
      system_drivers(s, o, P, S, Q);
      const double p = s.sampled[bass_p_.slot] * std::max(0.0, 1.0 + s.sampled[k_p_.slot] * P);
      const double q = s.sampled[bass_q_.slot] * std::max(0.0, 1.0 + s.sampled[k_q_.slot] * Q);
      const double M = market_now(s, o, S);
      if (N[o] >= M) {
        N[o] = M;  // secondary sanctions shrank the market below the network: members leave
        continue;
      }
      const double growth = (p + q * N[o] / M) * (M - N[o]) * dt;
      N[o] = std::min(M, N[o] + std::max(0.0, growth));
    }

    // 2. Settlement shares: logit with inertia towards the driven attractor.
    const double r_free = std::pow(s.sampled[rho_.slot], dt);
    const double r_blocked = std::pow(s.sampled[rho_blocked_.slot], dt);
    const double elapsed = s.year - sc_.years.front();
    for (std::size_t i = 0; i < n_; ++i) {
      const double total = holder_total(s, i);
      if (total <= 0) continue;
      for (std::size_t j = 0; j < n_; ++j) {
        const double x0 = s.flows_initial[s.flow_index(kPay, j, i)];
        if (x0 <= 0) continue;
        const double attractor = std::log(x0 / total) + s.sampled[trend_[j].slot] * elapsed + drivers(s, off, i, j);
        const double r = blocks(s, i, j) ? r_blocked : r_free;
        double& uij = u[i * n_ + j];
        uij = std::clamp(r * uij + (1.0 - r) * attractor, -kMaxLogOdds, kMaxLogOdds);
      }
    }
    write_flows(s, off);
    write_outputs(s, off);
  }

 private:
  double dL(const RunState& s, std::size_t l) const { return s.lever_intensity[l] - sc_.levers[l].baseline_intensity; }
  bool applies(const RunState& s, std::size_t l, std::size_t a) const { return s.participates[l * n_ + a] != 0; }

  // a applies some `sanctions` lever (any channels) against `target` this step.
  bool sanctions_target(const RunState& s, std::size_t a, std::size_t target) const {
    for (std::size_t l : sanctions_)
      if (sc_.levers[l].target == target && applies(s, l, a)) return true;
    return false;
  }

  // The sender side of a secondary-sanctions lever: its own participants and
  // everyone who sanctions its target directly.
  bool sender_side(const RunState& s, std::size_t l, std::size_t a) const {
    return applies(s, l, a) || sanctions_target(s, a, sc_.levers[l].target);
  }

  bool runs_system(const RunState& s, std::size_t o) const { return !alliance_[o] && s.sampled[n0_[o].slot] > 0; }

  // Nominal market m_o: never below the start network.
  double market(const RunState& s, std::size_t o) const {
    return std::max(s.sampled[m_[o].slot], s.sampled[n0_[o].slot]);
  }

  double market_now(const RunState& s, std::size_t o, double S) const {
    return market(s, o) * std::exp(std::clamp(-s.sampled[k_m_.slot] * S, -kMaxExponent, kMaxExponent));
  }

  void system_drivers(const RunState& s, std::size_t o, double& P, double& S, double& Q) const {
    const double spill = s.sampled[spill_.slot];
    for (std::size_t l : financial_) {
      const std::size_t t = sc_.levers[l].target;
      if (t == o) P += dL(s, l);
      else if (!sanctions_target(s, o, t)) P += spill * dL(s, l);
    }
    for (std::size_t l : secondary_) {
      const std::size_t t = sc_.levers[l].target;
      if (t == o) S += dL(s, l);
      else if (!sender_side(s, l, o)) S += spill * dL(s, l);
    }
    for (std::size_t l : partnership_)
      if (sc_.levers[l].target == o || applies(s, l, o)) Q += dL(s, l);
    // A payment push by o drives its own system like the forced push that
    // sanctions gave SPFS (same k_p).
    for (std::size_t l : push_)
      if (applies(s, l, o)) P += dL(s, l);
  }

  // j applies a payments-covering sanctions lever on i above its baseline.
  bool blocks(const RunState& s, std::size_t i, std::size_t j) const {
    for (std::size_t l : financial_)
      if (sc_.levers[l].target == i && applies(s, l, j) && dL(s, l) > 0) return true;
    return false;
  }

  // beta'Z for issuer j in holder i's settlements.
  double drivers(const RunState& s, std::size_t off, std::size_t i, std::size_t j) const {
    double z = 0;
    for (std::size_t l : financial_)
      if (sc_.levers[l].target == i && applies(s, l, j)) z += s.sampled[b_fin_.slot] * dL(s, l);
    for (std::size_t l : secondary_)
      if (sc_.levers[l].target == i) {
        if (sender_side(s, l, j)) z += s.sampled[b_sec_.slot] * dL(s, l);
        else if (j != i) z += s.sampled[b_fric_.slot] * s.sampled[exposure_[j].slot] * dL(s, l);
      }
    // A payment push by issuer j aimed at holder i (swap lines, trade finance
    // and settlement in j's currency): its currency gains in i's settlements.
    for (std::size_t l : push_)
      if (sc_.levers[l].target == i && applies(s, l, j)) {
        const CompiledLever& lv = sc_.levers[l];
        z += (lv.effect_slot ? s.sampled[*lv.effect_slot] : s.sampled[b_push_.slot]) * dL(s, l);
      }
    if (runs_system(s, j)) {
      const double N = s.model_state[off + n_ * n_ + j];
      z += s.sampled[b_adopt_.slot] * (N - s.sampled[n0_[j].slot]) / market(s, j);
    }
    return z;
  }

  double holder_total(const RunState& s, std::size_t i) const {
    double total = 0;
    for (std::size_t j = 0; j < n_; ++j) total += s.flows_initial[s.flow_index(kPay, j, i)];
    return total;
  }

  // c_ij for every j of i's choice set into `c` (0 outside it); false when
  // i settles nothing.
  bool shares(const RunState& s, std::size_t off, std::size_t i, std::vector<double>& c) const {
    c.assign(n_, 0.0);
    const double* u = &s.model_state[off + i * n_];
    double top = -kMaxLogOdds * 2;
    bool any = false;
    for (std::size_t j = 0; j < n_; ++j) {
      if (s.flows_initial[s.flow_index(kPay, j, i)] <= 0) continue;
      top = std::max(top, u[j]);
      any = true;
    }
    if (!any) return false;
    double sum = 0;
    for (std::size_t j = 0; j < n_; ++j) {
      if (s.flows_initial[s.flow_index(kPay, j, i)] <= 0) continue;
      c[j] = std::exp(u[j] - top);  // in (0, 1]; the largest is 1, so sum >= 1
      sum += c[j];
    }
    for (double& x : c) x = std::clamp(x / sum, 0.0, 1.0);
    return true;
  }

  void write_flows(RunState& s, std::size_t off) const {
    thread_local std::vector<double> c;
    for (std::size_t i = 0; i < n_; ++i) {
      if (!shares(s, off, i, c)) continue;
      const double total = holder_total(s, i);
      for (std::size_t j = 0; j < n_; ++j)
        if (s.flows_initial[s.flow_index(kPay, j, i)] > 0) s.flow(kPay, j, i) = total * c[j];
    }
  }

  void write_outputs(RunState& s, std::size_t off) const {
    thread_local std::vector<double> c;
    const double* N = &s.model_state[off + n_ * n_];
    for (const auto& r : requests_) {
      double v = 0;
      switch (r.kind) {
        case Out::kShare:
          if (shares(s, off, r.a, c)) v = c[r.b];
          break;
        case Out::kParticipants: v = N[r.a]; break;
        case Out::kAdoption:
          if (runs_system(s, r.a)) {
            double P = 0, S = 0, Q = 0;
            system_drivers(s, r.a, P, S, Q);
            v = std::clamp(N[r.a] / market_now(s, r.a, S), 0.0, 1.0);
          }
          break;
      }
      s.series[r.slot] = v;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  ParamHandle rho_, rho_blocked_, b_fin_, b_sec_, b_fric_, b_adopt_, bass_p_, bass_q_, k_p_, spill_, k_m_, k_q_, b_push_;
  std::vector<ParamHandle> n0_, m_, trend_, exposure_;
  std::vector<bool> alliance_;
  std::vector<std::size_t> sanctions_, financial_, secondary_, partnership_, push_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo payments_info() {
  ModelInfo info;
  info.name = "Payments";
  info.family = "payments";
  info.summary =
      "Settlement-currency shares with logit inertia driven by sanctions and by Bass diffusion of alternative "
      "payment systems (CIPS, SPFS)";
  const std::string history = "shared/data/history_2000_2021.csv";
  info.params = {
      {"inertia", 0.9, 0.0, 0.999, "1 per year",
       "rho: share of the log-odds of the settlement shares kept each year (r = rho^dt); 1 - rho of the gap to the "
       "attractor closes per year",
       "Chinn & Frankel 2007, lagged logit share of reserve currencies with coefficient about 0.9 a year"},
      {"blocked_inertia", 0.9, 0.0, 0.999, "1 per year",
       "rho_b: the inertia of an issuer's log-odds while that issuer applies payments-covering sanctions on the "
       "holder above their baseline (its currency blocked for the holder's banks); default: as free choice",
       "assumption: a forced switch is faster than a chosen one; the outlook draws it from 0.5-0.8 so that "
       "rubles and yuan pass 80% of Russia-China settlements in 2023, as Russian officials reported "
       "(docs/models/payments.md, Calibration)"},
      {"financial_sanctions_effect", -17.0, -60.0, 0.0, "log points at intensity 1 (long run)",
       "b_fin: shift of the attractor of each participating sanctioner's currency in the target's settlements per "
       "unit change of a payments-covering 'sanctions' lever from its baseline",
       history + ": rub_cny_share_of_cn_ru_settlements 2% (2013) -> 25% (2020) under the 2014 sanctions (about 0.3) "
                 "with inertia 0.9 and CIPS growth (docs/models/payments.md, Calibration)"},
      {"secondary_sanctions_effect", -5.0, -60.0, 0.0, "log points at intensity 1 (long run)",
       "b_sec: shift of the attractor of every sender-side currency in the target's settlements per unit change of "
       "a payments-covering 'secondary_sanctions' lever",
       "assumption: indirect pressure through third-country banks, about a third of direct financial sanctions "
       "(observed 2023-24 frictions; seed 000 on overreach)"},
      {"secondary_friction_effect", 0.0, -10.0, 0.0, "log points at intensity 1 (long run)",
       "b_fric: shift of the attractor of each issuer outside a payments-covering 'secondary_sanctions' lever's "
       "sender side in the target's settlements, per unit change of the lever and per unit of the issuer's "
       "secondary_exposure; 0 = no frictions",
       "assumption: Chinese banks refused or delayed Russian payments after US Executive Order 14114 (December "
       "2023); the outlook draws it from -2.5 to -0.5 (docs/models/payments.md)"},
      {"adoption_effect", 1.0, 0.0, 10.0, "log points per market",
       "b_adopt: shift of the attractor of a system owner's currency per growth of its network by its whole market "
       "(N - N(0)) / m",
       "assumption: CIPS growth 2015-2021 came with a slow rise of yuan settlements (seed 000); small enough that "
       "the global yuan share barely moves"},
      {"bass_innovation", 0.02, 0.0, 1.0, "1 per year", "p: Bass coefficient of innovation (external adoption)",
       "Bass 1969; Sultan, Farley & Lehmann 1990 meta-analysis p about 0.03 (range 0.01-0.04)"},
      {"bass_imitation", 0.4, 0.0, 2.0, "1 per year", "q: Bass coefficient of imitation (network effect)",
       "Bass 1969; Sultan, Farley & Lehmann 1990 meta-analysis q about 0.38; CIPS 195 participants (2015) -> about "
       "1,400 (2022) with m about 2,000"},
      {"sanctions_adoption_push", 2.0, 0.0, 20.0, "1 at intensity 1",
       "k_p: relative rise of p for a system per unit change of payments-covering sanctions on its owner (or, "
       "times the spillover, on another target while the owner does not sanction it)",
       "assumption: SPFS built after the 2014 sanctions and opened to the EAEU in 2019 (seed 000); sanctions "
       "overreach drives alternative payment systems (seed 000)"},
      {"sanctions_spillover", 0.5, 0.0, 1.0, "1",
       "w: weight of sanctions (and secondary sanctions) on another target in the drivers of a non-sender's system",
       "assumption: the target's banks join the systems of non-senders, e.g. Russian banks in CIPS; seed 000 warns "
       "of systems dominated by China or Russia"},
      {"secondary_market_cut", 0.5, 0.0, 5.0, "1 at intensity 1",
       "k_m: m falls by the factor exp(-k_m S) under secondary-sanctions pressure S on the system",
       "assumption: third-country banks avoid networks that expose them to US secondary sanctions (December 2023 "
       "executive order)"},
      {"partnership_imitation_boost", 0.5, 0.0, 5.0, "1 at intensity 1",
       "k_q: relative rise of q per unit change of a 'partnership' lever the owner is party to",
       "assumption: plans to link CIPS and SPFS (seed 000)"},
      {"payment_push_effect", 1.0, 0.0, 10.0, "log points at intensity 1 (long run)",
       "b_push: shift of the attractor of a 'payment_push' lever owner's currency in the target's settlements per "
       "unit change of the lever (a lever's effect overrides it); the push also raises p of the owner's system "
       "as k_p does for sanctions",
       "seed 000 (CIPS and SPFS, de-dollarisation: dollar below 50% of Russia-China settlements in Q1 2020); "
       "size an assumption, range docs/models/payments.md"},
  };
  info.actor_params = {
      {"system_participants", 0.0, 0.0, 1e6, "institutions",
       "N(0): participants of the actor's alternative payment system at the start year; 0 = runs no system",
       "seed 000 (CIPS live 2015, participants in over 90 countries by 2020; SPFS first transfer 2017); CIPS 195 "
       "participants at launch (2015), about 1,400 in 2022 (Bass 1969 fit in docs/models/payments.md)"},
      {"system_market", 0.0, 0.0, 1e6, "institutions",
       "m: potential participants of the system (taken as at least N(0))",
       "Bass 1969 market potential; CIPS fit 195 (2015) -> about 1,400 (2022) gives m about 2,000"},
      {"secondary_exposure", 0.0, 0.0, 1.0, "1",
       "e_j: how far issuer j's banks retreat from a target's settlements under secondary sanctions (0: not at "
       "all; 1: fully)",
       "assumption: large Chinese banks depend on dollar clearing and retreat most; smaller third-country banks "
       "and agents least (docs/models/payments.md)"},
      {"currency_trend", 0.0, -1.0, 1.0, "log points per year",
       "optional drift of the attractor of the actor's currency in every holder's settlements (0: none)",
       "assumption: off by default so that without coercion the start shares are the fixed point"},
  };
  info.reads = {"flows", "lever_intensity", "participates"};
  info.writes = {"flows.payments"};
  info.outputs = {
      {"settlement_share.<holder>.<issuer>",
       "c in [0,1]: share of the holder's settlements in the issuer's currency or system "
       "(settlement_share.russia.china: rubles and yuan in Russia-China settlements)"},
      {"payment_system.<actor>", "N: participants of the actor's alternative payment system (0: none)"},
      {"payment_system_adoption.<actor>", "N / M in [0,1]: participants over the current market potential"},
  };
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<Payments>(sc, p); };
  return info;
}

}  // namespace entente
