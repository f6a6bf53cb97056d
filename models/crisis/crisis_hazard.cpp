// CrisisHazard — dyadic event hazards (proportional hazards on the base rate).
//
// For every event e with a dyad (a, b) (docs/models/crisis_hazard.md):
//   lambda_e(t) = lambda0_e * h_e(t)                      the engine fires with it
//   h_e = clamp(exp(bp (Zp - Zp0) + ba (Za - Za0) + bc (Zc - Zc0) + bd Zd + bm Zm), 0, 20)
//   Zp = -|ln(C_a / C_b)|            closeness to power parity (0 at parity); an alliance's
//                                    capability is its members' sum; 0 when either C <= 0
//   Za = +-a_pq                      alignment of the alignment_pair (p, q); minus for the
//                                    pair's own dyad, 0 without the role
//   Zc = cohesion                    for dyads with exactly one side in the alliance
//                                    (the alliance or a member), else 0
//   Zd = sum over engagement and arms_control levers between the dyad's sides of (L - B)
//   Zm = sum over military_pressure levers whose owner (or a coalition member)
//        is on one side of the dyad of (L - B): coercive exercises and
//        incursions make every crisis of the owner's dyads likelier
//   Z0 = the state at the end of the start year, taken at the first step
//   Zr = 1 for `recurrence_years` after a major crisis (a non-repeatable event)
//        of the same dyad fired or was injected, else 0; the hazard gains br Zr
//        (events other than the one that fired; repeatable disputes do not
//        trigger it, their base rates already hold their own clustering)
// The component runs first: it reads the state the last step left and writes the
// multiplier the engine uses when it fires events at the next step.
// Sources: Correlates of War MID v5.0 (Palmer et al. 2022) for the base rates;
// Organski & Kugler 1980 and Bremer 1992 (parity); Leeds 2003 (alliances deter);
// seed 001 (arms control and dialogue); seed 003 (Western pressure and the alignment);
// Hensel 1994 (disputes recur most in the years just after a crisis).
#include "models/crisis/crisis_hazard.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"
#include "sim/util/suggest.hpp"

namespace entente {

namespace {

constexpr double kMaxMultiplier = 20.0;

enum class Out { kProbability, kRate, kMultiplier };

struct OutputRequest {
  Out kind;
  std::vector<std::size_t> events;  // the dyad's events (probability, rate) or the one event
  std::size_t slot = 0;
};

struct Dyad {
  std::size_t event = 0;
  std::vector<std::size_t> side[2];   // members of each side (an alliance and its members)
  double alignment_sign = 0;          // +1, -1 for the alignment pair itself, 0 without the role
  bool deterrence = false;            // exactly one side is the alliance or a member
  std::vector<std::size_t> dialogue;  // engagement and arms_control levers between the sides
  std::vector<std::size_t> pressure;  // military_pressure levers by an actor on either side
  std::vector<std::size_t> same_dyad;  // indices (into dyads_) of the other events of this dyad
};

class CrisisHazard final : public Model {
 public:
  CrisisHazard(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    beta_parity_ = p.at("beta_parity");
    beta_alignment_ = p.at("beta_alignment");
    beta_cohesion_ = p.at("beta_cohesion");
    beta_dialogue_ = p.at("beta_dialogue");
    beta_pressure_ = p.at("beta_pressure");
    beta_recurrence_ = p.at("beta_recurrence");
    recurrence_years_ = p.at("recurrence_years");

    std::optional<std::pair<std::size_t, std::size_t>> pair;
    if (auto it = p.roles.find("alignment_pair"); it != p.roles.end() && it->second.size() == 2)
      pair = std::make_pair(it->second[0], it->second[1]);
    alignment_pair_ = pair;

    // Who the alliance covariate concerns: the `alliance` role with its
    // members, else every alliance with its members.
    std::vector<bool> allied(n_, false);
    auto mark = [&](std::size_t a) {
      for (std::size_t i : with_members(a)) allied[i] = true;
    };
    if (auto it = p.roles.find("alliance"); it != p.roles.end() && !it->second.empty()) {
      for (std::size_t a : it->second) mark(a);
    } else {
      for (std::size_t a = 0; a < n_; ++a)
        if (is_alliance(a)) mark(a);
    }

    for (std::size_t e = 0; e < sc.events.size(); ++e) {
      const auto& dy = sc.events[e].dyad;
      if (!dy) continue;
      Dyad d;
      d.event = e;
      d.side[0] = with_members(dy->first);
      d.side[1] = with_members(dy->second);
      if (pair) {
        const bool same = (pair->first == dy->first && pair->second == dy->second) ||
                          (pair->first == dy->second && pair->second == dy->first);
        d.alignment_sign = same ? -1.0 : 1.0;
      }
      d.deterrence = allied[dy->first] != allied[dy->second];
      for (std::size_t l = 0; l < sc.levers.size(); ++l) {
        const CompiledLever& lv = sc.levers[l];
        std::vector<std::size_t> owners = lv.coalition;
        owners.push_back(lv.owner);
        if (lv.kind == LeverKind::kMilitaryPressure) {
          if (meets(owners, d.side[0]) || meets(owners, d.side[1])) d.pressure.push_back(l);
          continue;
        }
        if (lv.kind != LeverKind::kEngagement && lv.kind != LeverKind::kArmsControl) continue;
        const std::vector<std::size_t> targets = with_members(lv.target);
        if ((meets(owners, d.side[0]) && meets(targets, d.side[1])) ||
            (meets(owners, d.side[1]) && meets(targets, d.side[0])))
          d.dialogue.push_back(l);
      }
      dyads_.push_back(std::move(d));
    }
    for (std::size_t k = 0; k < dyads_.size(); ++k)
      for (std::size_t m = 0; m < dyads_.size(); ++m) {
        if (m == k) continue;
        const auto& a = *sc.events[dyads_[k].event].dyad;
        const auto& b = *sc.events[dyads_[m].event].dyad;
        if ((a.first == b.first && a.second == b.second) || (a.first == b.second && a.second == b.first))
          dyads_[k].same_dyad.push_back(m);
      }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    if (s.family == "hazard_multiplier") {
      std::string id;
      for (std::size_t i = 0; i < s.parts.size(); ++i) id += (i ? "." : "") + s.parts[i];
      auto e = sc_.event_index(id);
      if (!e) {
        error = "unknown event '" + id + "'" + did_you_mean(id, sc_.event_ids());
        return false;
      }
      requests_.push_back({Out::kMultiplier, {*e}, slot});
      return true;
    }
    if (s.family != "crisis_probability" && s.family != "crisis_rate") return false;
    // A dyad's side may be an alliance (russia.western_coalition).
    auto ab = series_actors(sc_, s, 2, error, {.alliance_ok = true});
    if (!ab) return false;
    const std::size_t a = (*ab)[0], b = (*ab)[1];
    std::vector<std::size_t> events;
    for (const auto& d : dyads_) {
      const auto& dy = *sc_.events[d.event].dyad;
      if ((dy.first == a && dy.second == b) || (dy.first == b && dy.second == a)) events.push_back(d.event);
    }
    if (events.empty()) {
      error = "no event has the dyad [" + s.parts[0] + ", " + s.parts[1] + "]; give an event `dyad: [" + s.parts[0] +
              ", " + s.parts[1] + "]`";
      return false;
    }
    requests_.push_back({s.family == "crisis_rate" ? Out::kRate : Out::kProbability, std::move(events), slot});
    return true;
  }

  // Layout: [0] unused (kept for a stable layout); then Zp0, Za0, Zc0 per dyad
  // event; then per dyad event the count of firings seen and the years since a
  // major crisis of its dyad (kNever before the first).
  std::size_t state_size() const override { return 1 + 5 * dyads_.size(); }
  static constexpr double kNever = 1e9;

  void initialize(RunState& s, std::size_t off) const override {
    std::fill(s.model_state.begin() + static_cast<std::ptrdiff_t>(off),
              s.model_state.begin() + static_cast<std::ptrdiff_t>(off + state_size()), 0.0);
    double* st = &s.model_state[off];
    for (std::size_t k = 0; k < dyads_.size(); ++k) {
      st[1 + 3 * dyads_.size() + 2 * k] = s.event_count[dyads_[k].event];
      st[2 + 3 * dyads_.size() + 2 * k] = kNever;
    }
    // The state covariates sit at their baseline by definition; the dialogue
    // levers act from the first step's event firing on.
    for (const auto& d : dyads_) s.hazard_multiplier[d.event] = multiplier(s, d, nullptr, kNever);
    write_outputs(s);
  }

  // Baseline: the start-year state that every component's initialize() left,
  // before any event of the first step can move it.
  void after_initialize(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    for (std::size_t k = 0; k < dyads_.size(); ++k) covariates(s, dyads_[k], &st[1 + 3 * k]);
    st[0] = 1.0;
  }

  void step(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    double* seen = &st[1 + 3 * dyads_.size()];  // stride 2: count seen, years since
    // Age the memory, then restart it for the dyads of major crises fired this
    // step or injected since the last one (event_count, not event_fired_now:
    // an inject between steps is cleared by the next firing).
    for (std::size_t k = 0; k < dyads_.size(); ++k)
      if (seen[2 * k + 1] < kNever) seen[2 * k + 1] += s.dt;
    for (std::size_t k = 0; k < dyads_.size(); ++k) {
      const std::size_t e = dyads_[k].event;
      const double count = s.event_count[e];
      if (count > seen[2 * k] && !sc_.events[e].repeatable)
        for (std::size_t m : dyads_[k].same_dyad) seen[2 * m + 1] = 0.0;
      seen[2 * k] = count;
    }
    for (std::size_t k = 0; k < dyads_.size(); ++k)
      s.hazard_multiplier[dyads_[k].event] = multiplier(s, dyads_[k], &st[1 + 3 * k], seen[2 * k + 1]);
    write_outputs(s);
  }

 private:
  bool is_alliance(std::size_t a) const { return sc_.spec.actors[a].kind == ActorKind::kAlliance; }

  // The actor itself and, for an alliance, its members (side_capability()
  // relies on the actor coming first).
  std::vector<std::size_t> with_members(std::size_t a) const {
    std::vector<std::size_t> out{a};
    if (is_alliance(a)) {
      const std::vector<std::size_t> members = sc_.members_or_self(a);
      out.insert(out.end(), members.begin(), members.end());
    }
    return out;
  }

  static bool meets(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y) {
    for (std::size_t a : x)
      if (std::find(y.begin(), y.end(), a) != y.end()) return true;
    return false;
  }

  // Capability of a dyad side: the actor's, or the sum of an alliance's members.
  static double side_capability(const RunState& s, const std::vector<std::size_t>& side) {
    if (side.size() == 1) return s.capability[side[0]];
    double c = 0;
    for (std::size_t k = 1; k < side.size(); ++k) c += s.capability[side[k]];
    return c;
  }

  void covariates(const RunState& s, const Dyad& d, double z[3]) const {
    const double ca = side_capability(s, d.side[0]), cb = side_capability(s, d.side[1]);
    z[0] = (ca > 0 && cb > 0 && std::isfinite(ca) && std::isfinite(cb)) ? -std::abs(std::log(ca / cb)) : 0.0;
    z[1] = 0;
    if (alignment_pair_) {
      const double a = s.alignment[alignment_pair_->first * n_ + alignment_pair_->second];
      z[1] = std::isfinite(a) ? d.alignment_sign * a : 0.0;
    }
    z[2] = d.deterrence && std::isfinite(s.cohesion) ? s.cohesion : 0.0;
  }

  // base0: the baseline covariates, or null for "at the baseline"; since: years
  // since a major crisis of the dyad (this step's firing counts as 0).
  double multiplier(const RunState& s, const Dyad& d, const double* base0, double since) const {
    double x = 0;
    if (since < s.sampled[recurrence_years_.slot]) x += s.sampled[beta_recurrence_.slot];
    if (base0) {
      double z[3];
      covariates(s, d, z);
      x += s.sampled[beta_parity_.slot] * (z[0] - base0[0]);
      x += s.sampled[beta_alignment_.slot] * (z[1] - base0[1]);
      x += s.sampled[beta_cohesion_.slot] * (z[2] - base0[2]);
    }
    double dialogue = 0;
    for (std::size_t l : d.dialogue) dialogue += s.lever_intensity[l] - sc_.levers[l].baseline_intensity;
    x += s.sampled[beta_dialogue_.slot] * dialogue;
    double pressure = 0;
    for (std::size_t l : d.pressure) pressure += s.lever_intensity[l] - sc_.levers[l].baseline_intensity;
    x += s.sampled[beta_pressure_.slot] * pressure;
    if (!std::isfinite(x)) return 1.0;
    return std::clamp(std::exp(std::min(x, std::log(kMaxMultiplier))), 0.0, kMaxMultiplier);
  }

  void write_outputs(RunState& s) const {
    for (const auto& r : requests_) {
      if (r.kind == Out::kMultiplier) {
        s.series[r.slot] = s.hazard_multiplier[r.events[0]];
        continue;
      }
      // The annual rate of the dyad's events that can still fire.
      double rate = 0;
      for (std::size_t e : r.events) {
        if (!sc_.events[e].repeatable && s.event_count[e] > 0) continue;
        rate += s.sampled[sc_.events[e].hazard_slot] * s.hazard_multiplier[e];
      }
      s.series[r.slot] = r.kind == Out::kRate ? rate : 1.0 - std::exp(-rate);
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  ParamHandle beta_parity_, beta_alignment_, beta_cohesion_, beta_dialogue_, beta_pressure_, beta_recurrence_,
      recurrence_years_;
  std::optional<std::pair<std::size_t, std::size_t>> alignment_pair_;
  std::vector<Dyad> dyads_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo crisis_hazard_info() {
  ModelInfo info;
  info.name = "CrisisHazard";
  info.family = "crisis";
  info.summary = "Dyadic event hazards: base rate times exp(beta' (Z - Z0)) with parity, alignment, alliance "
                 "cohesion and dialogue";
  info.params = {
      {"beta_parity", 0.5, -3.0, 3.0, "per unit of -|ln(C_a/C_b)|",
       "effect of closeness to power parity: from a 3:1 preponderance to parity multiplies the hazard by 3^beta",
       "Organski & Kugler 1980 (power transition); Bremer 1992 (parity dyads more dispute-prone); size an "
       "assumption: parity raises the hazard by about 1.7x over 3:1"},
      {"beta_alignment", 1.0, -5.0, 5.0, "per unit of alignment",
       "effect of the alignment_pair's alignment on other dyads' hazards (the pair's own dyad: opposite sign)",
       "assumption: a closer Sino-Russian alignment emboldens both against the West and makes parallel crises "
       "likelier (seed 001 asks for scenarios of a parallel confrontation; seed 003: Western pressure drives the "
       "alignment); e^1 = 2.7x from no alignment to a formal alliance"},
      {"beta_cohesion", -1.0, -5.0, 5.0, "per unit of cohesion",
       "effect of alliance cohesion on dyads between the alliance (or a member) and an outsider: deterrence",
       "Leeds 2003 (defensive alliance commitments deter challenges); size an assumption: a fall of cohesion from "
       "0.9 to 0.6 raises the hazard by 35%"},
      {"beta_dialogue", -0.5, -5.0, 5.0, "per unit of lever intensity above baseline",
       "effect of engagement and arms_control levers between the dyad's sides",
       "seed 001 (load-bearing channels of communication, arms control with Russia and China); size an "
       "assumption: dialogue at full intensity cuts the hazard by 40%"},
  };
  info.params.push_back(
      {"beta_pressure", 0.7, 0.0, 5.0, "per unit of lever intensity above baseline",
       "effect of military_pressure levers (coercive exercises, incursions) on the hazards of every dyad with the "
       "lever's owner on one side",
       "seed 001 (Taiwan the contingency that would test the partnership); the 1995-96 Taiwan Strait crisis began "
       "with PLA missile exercises; size an assumption: e^0.7 = 2x at full pressure, range "
       "docs/models/crisis_hazard.md"});
  info.params.push_back(
      {"beta_recurrence", 1.1, 0.0, 5.0, "log points",
       "rise of the hazard of a dyad's other events for recurrence_years after a major crisis of that dyad",
       "Hensel 1994 (militarized disputes recur most in the years just after a dispute); size an assumption: "
       "e^1.1 = 3x, range docs/models/crisis_hazard.md"});
  info.params.push_back(
      {"recurrence_years", 5.0, 0.0, 20.0, "years", "how long a major crisis raises its dyad's other hazards",
       "Hensel 1994 (the recurrence risk falls with the time since the last dispute, most of it within the first "
       "five years); range docs/models/crisis_hazard.md"});
  info.roles = {
      {"alignment_pair", "optional: the two actors whose alignment a_pq is a covariate, e.g. [russia, china]", 0, 2,
       RoleActors::kNoAlliances},
      {"alliance", "optional: the alliance whose cohesion deters (default: every alliance)", 0, 1,
       RoleActors::kAlliances},
  };
  info.outputs = {
      {"crisis_probability.<a>.<b>",
       "1 - exp(-sum of base hazard x multiplier over the dyad's events that can still fire): probability of a "
       "crisis in the next year"},
      {"crisis_rate.<a>.<b>", "that sum: expected crises per year"},
      {"hazard_multiplier.<event>", "the multiplier on the event's base hazard for the next step"},
  };
  info.reads = {"capability", "alignment", "cohesion", "lever_intensity"};
  info.writes = {"hazard_multiplier"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<CrisisHazard>(sc, p); };
  return info;
}

}  // namespace entente
