#include <cmath>
#include <cstdio>
#include <map>

#include "sim/scenario/compiled.hpp"
#include "sim/scenario/node_reader.hpp"
#include "sim/util/hash.hpp"

namespace entente {

std::optional<std::size_t> CompiledScenario::actor_index(std::string_view id) const {
  for (std::size_t i = 0; i < actor_ids.size(); ++i)
    if (actor_ids[i] == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> CompiledScenario::lever_index(std::string_view id) const {
  for (std::size_t i = 0; i < levers.size(); ++i)
    if (levers[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> CompiledScenario::event_index(std::string_view id) const {
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].id == id) return i;
  return std::nullopt;
}

std::vector<std::string> CompiledScenario::lever_ids() const {
  std::vector<std::string> ids;
  for (const auto& l : levers) ids.push_back(l.id);
  return ids;
}

std::vector<std::string> CompiledScenario::event_ids() const {
  std::vector<std::string> ids;
  for (const auto& e : events) ids.push_back(e.id);
  return ids;
}

std::vector<std::size_t> CompiledScenario::members_or_self(std::size_t actor) const {
  const ActorSpec& a = spec.actors[actor];
  if (a.kind != ActorKind::kAlliance) return {actor};
  std::vector<std::size_t> out;
  for (const auto& id : a.members)
    if (auto m = actor_index(id)) out.push_back(*m);  // the loader checked every member id
  return out;
}

std::size_t CompiledScenario::add_slot(std::string key, Distribution dist) {
  const std::uint64_t sid = fnv1a64(key);
  slots.push_back({std::move(key), sid, dist});
  return slots.size() - 1;
}

namespace {

class Compiler {
 public:
  Compiler(CompiledScenario& c, Diagnostics& d) : c_(c), d_(d) {}

  std::size_t slot_for(const Quantity& q) {
    if (!q.ref.empty()) {
      auto it = uncertainty_slot_.find(q.ref);
      if (it != uncertainty_slot_.end()) return it->second;
      d_.error(q.where, "unknown uncertainty '" + q.ref + "'");
      return c_.add_slot(q.key, Distribution::fixed(0));
    }
    return c_.add_slot(q.key, q.dist);
  }

  void uncertainties() {
    for (const auto& u : c_.spec.uncertainties)
      uncertainty_slot_[u.id] = c_.add_slot("uncertainties." + u.id, u.quantity.dist);
  }

  void actors() {
    const auto& spec = c_.spec;
    c_.n_actors = spec.actors.size();
    for (const auto& a : spec.actors) {
      c_.actor_ids.push_back(a.id);
      auto attr = [&](const char* name, double fallback) {
        auto it = a.attributes.find(name);
        if (it != a.attributes.end()) return slot_for(it->second);
        return c_.add_slot("actors." + a.id + ".attributes." + name, Distribution::fixed(fallback));
      };
      c_.gdp_slot.push_back(attr("gdp", 0.0));
      c_.growth_slot.push_back(attr("growth", 0.0));
      c_.growth_sd_slot.push_back(attr("growth_sd", 0.0));
      c_.milex_share_slot.push_back(attr("milex_share", 0.0));
      c_.capability_slot.push_back(attr("capability", 0.0));
    }
    for (const auto& dep : spec.dependencies) {
      c_.dependencies.push_back({static_cast<std::size_t>(dep.channel), *c_.actor_index(dep.from),
                                 *c_.actor_index(dep.to), slot_for(dep.value)});
    }
  }

  void levers(const PolicySpec* policy) {
    for (const auto& l : c_.spec.levers) {
      CompiledLever cl;
      cl.id = l.id;
      cl.kind = l.kind;
      cl.owner = *c_.actor_index(l.owner);
      cl.target = *c_.actor_index(l.target);
      cl.coalition = c_.members_or_self(cl.owner);
      for (Channel ch : l.channels) cl.channel_mask |= 1u << static_cast<unsigned>(ch);
      cl.range_min = l.range_min;
      cl.range_max = l.range_max;
      double base = l.intensity;
      const std::vector<ScheduleEntry>* schedule = &l.schedule;
      cl.baseline_intensity = l.baseline_intensity;
      if (policy) {
        auto it = policy->levers.find(l.id);
        if (it != policy->levers.end()) {
          // A policy that names only an intensity holds the lever there for
          // the whole horizon; with a schedule, the schedule applies after it.
          static const std::vector<ScheduleEntry> kNoSchedule;
          if (it->second.intensity) {
            base = *it->second.intensity;
            schedule = &kNoSchedule;
          }
          if (it->second.schedule) schedule = &*it->second.schedule;
          if (it->second.triggers) triggers_of_.push_back(&*it->second.triggers);
          else triggers_of_.push_back(&l.triggers);
        } else {
          triggers_of_.push_back(&l.triggers);
        }
      } else {
        triggers_of_.push_back(&l.triggers);
      }
      // Piecewise constant: an entry applies from its year on (to the step
      // whose end year reaches it). The tolerance absorbs quarter arithmetic.
      for (double year : c_.years) {
        double v = base;
        for (const auto& e : *schedule)
          if (e.year <= year + 1e-9) v = e.intensity;
        cl.intensity_by_step.push_back(v);
      }
      if (l.effect) cl.effect_slot = slot_for(*l.effect);
      cl.participation = l.participation;
      c_.levers.push_back(std::move(cl));
    }
  }

  void events() {
    for (const auto& e : c_.spec.events) {
      CompiledEvent ce;
      ce.id = e.id;
      ce.hazard_slot = slot_for(e.hazard);
      ce.repeatable = e.repeatable;
      if (!e.at.empty()) {
        // Same matching as lever schedules: the step whose end year reaches it.
        for (double year : c_.years) {
          bool fires = false;
          for (double at : e.at) fires = fires || (at <= year + 1e-9 && at > year - c_.dt + 1e-9);
          ce.at_step.push_back(fires ? 1 : 0);
        }
      }
      if (e.dyad.size() == 2) ce.dyad = std::make_pair(*c_.actor_index(e.dyad[0]), *c_.actor_index(e.dyad[1]));
      for (const auto& ef : e.effects) {
        CompiledEffect x;
        x.kind = ef.kind;
        x.size = ef.size;
        switch (ef.kind) {
          case EffectKind::kGdpShock:
          case EffectKind::kThreat: x.actor = *c_.actor_index(ef.actor); break;
          case EffectKind::kAlignmentShift:
            x.actor = *c_.actor_index(ef.between[0]);
            x.other = *c_.actor_index(ef.between[1]);
            break;
          case EffectKind::kEnergyPrice: break;
          case EffectKind::kLever:
            x.lever = *c_.lever_index(ef.lever);
            x.intensity = ef.intensity;
            break;
        }
        ce.effects.push_back(x);
      }
      c_.events.push_back(std::move(ce));
    }
  }

  void models(const ModelRegistry& registry) {
    std::map<std::string, std::string> writer;  // shared field -> the component that writes it
    for (const auto& m : c_.spec.models) {
      const ModelInfo* info = registry.find(m.name);
      for (const auto& field : info->writes) {
        auto [it, fresh] = writer.emplace(field, m.name);
        if (!fresh)
          d_.error(m.where, "model component '" + m.name + "' writes '" + field + "', which '" + it->second +
                                "' already writes; only one component may write a shared field");
      }
      ModelParams params;
      for (const auto& decl : info->params) {
        auto it = m.parameters.find(decl.name);
        params.global[decl.name] = {it != m.parameters.end()
                                        ? slot_for(it->second)
                                        : c_.add_slot("models." + m.name + ".parameters." + decl.name,
                                                      Distribution::fixed(decl.default_value))};
      }
      for (const auto& decl : info->actor_params) {
        auto& handles = params.per_actor[decl.name];
        for (const auto& actor : c_.actor_ids) {
          const Quantity* q = nullptr;
          auto a = m.actor_parameters.find(actor);
          if (a != m.actor_parameters.end()) {
            auto it = a->second.find(decl.name);
            if (it != a->second.end()) q = &it->second;
          }
          handles.push_back({q ? slot_for(*q)
                               : c_.add_slot("models." + m.name + ".actors." + actor + "." + decl.name,
                                             Distribution::fixed(decl.default_value))});
        }
      }
      for (const auto& role : info->roles) {
        auto& members = params.roles[role.name];
        auto it = m.roles.find(role.name);
        if (it != m.roles.end())
          for (const auto& id : it->second) members.push_back(*c_.actor_index(id));
      }
      auto model = info->create(c_, params);
      model->set_index(c_.models.size());
      ComponentChecks checks;
      check_declared_reads(info->name, info->reads);
      checks.fields = plan_field_checks(info->writes, c_.n_actors, c_.events.size());
      checks.state_begin = c_.model_state_size;
      checks.state_end = c_.model_state_size + model->state_size();
      c_.model_checks.push_back(std::move(checks));
      c_.model_state_offset.push_back(c_.model_state_size);
      c_.model_state_size += model->state_size();
      c_.models.push_back(std::move(model));
      c_.model_names.push_back(m.name);
    }
  }

  void outcomes(const ModelRegistry& registry) {
    for (const auto& o : c_.spec.outcomes) {
      const std::size_t slot = c_.n_series;
      if (auto engine = engine_series(o, slot)) {
        if (engine->kind == EngineSeries::Kind::kEventFired && engine->index == kUnknown) continue;
        c_.engine_series.push_back(*engine);
        c_.outcomes.push_back({o, slot});
        ++c_.n_series;
        continue;
      }
      bool bound = false;
      std::string hint;
      for (std::size_t k = 0; k < c_.models.size(); ++k) {
        std::string err;
        if (c_.models[k]->bind_output(o.series, slot, err)) {
          c_.model_checks[k].series_slots.push_back(slot);
          bound = true;
          break;
        }
        if (hint.empty()) hint = err;
      }
      if (!bound) {
        if (!hint.empty()) {
          // A component knows the family but not an id in it: name the id.
          d_.error(o.series_where, "outcome '" + o.id + "' series '" + o.series + "': " + hint);
          continue;
        }
        std::vector<std::string> patterns, families;
        for (const auto& name : c_.model_names)
          for (const auto& out : registry.find(name)->outputs) {
            patterns.push_back(out.pattern);
            families.push_back(out.pattern.substr(0, out.pattern.find('.')));
          }
        const std::string family = o.series.substr(0, o.series.find('.'));
        d_.error(o.series_where, "no model component produces series '" + o.series + "'" +
                                     did_you_mean(family, families) + "; the scenario's components produce " +
                                     join_alternatives(patterns));
        continue;
      }
      c_.outcomes.push_back({o, slot});
      ++c_.n_series;
    }
  }

  void triggers() {
    for (std::size_t l = 0; l < c_.levers.size(); ++l) {
      for (const auto& t : *triggers_of_[l]) {
        CompiledTrigger ct;
        ct.lever = l;
        ct.intensity = t.intensity;
        if (!t.event.empty()) {
          ct.event = c_.event_index(t.event);
          if (!ct.event) continue;  // an invalid event, already reported
          ct.label = c_.levers[l].id + " when " + t.event;
        } else {
          bool found = false;
          for (std::size_t o = 0; o < c_.outcomes.size(); ++o)
            if (c_.outcomes[o].spec.id == t.signpost) {
              ct.outcome = o;
              found = true;
            }
          if (!found) continue;  // its outcome did not compile, already reported
          ct.above = t.above;
          ct.threshold = t.threshold;
          char buf[32];
          std::snprintf(buf, sizeof buf, "%g", t.threshold);
          ct.label = c_.levers[l].id + " when " + t.signpost + (t.above ? " above " : " below ") + buf;
        }
        c_.triggers.push_back(std::move(ct));
      }
    }
  }

 private:
  static constexpr std::size_t kUnknown = static_cast<std::size_t>(-1);

  // `event.<id>` and `lever.<id>`; an unknown id is reported here.
  std::optional<EngineSeries> engine_series(const OutcomeSpec& o, std::size_t slot) {
    const auto dot = o.series.find('.');
    if (dot == std::string::npos) return std::nullopt;
    const std::string family = o.series.substr(0, dot), id = o.series.substr(dot + 1);
    if (family == "event") {
      if (auto e = c_.event_index(id)) return EngineSeries{EngineSeries::Kind::kEventFired, *e, slot};
      d_.error(o.series_where, "outcome '" + o.id + "' series '" + o.series + "': unknown event '" + id + "'" +
                                   did_you_mean(id, c_.event_ids()));
      return EngineSeries{EngineSeries::Kind::kEventFired, kUnknown, slot};
    }
    if (family == "lever") {
      if (auto l = c_.lever_index(id)) return EngineSeries{EngineSeries::Kind::kLeverIntensity, *l, slot};
      d_.error(o.series_where, "outcome '" + o.id + "' series '" + o.series + "': unknown lever '" + id + "'" +
                                   did_you_mean(id, c_.lever_ids()));
      return EngineSeries{EngineSeries::Kind::kEventFired, kUnknown, slot};
    }
    return std::nullopt;
  }

  CompiledScenario& c_;
  std::vector<const std::vector<TriggerSpec>*> triggers_of_;  // per lever, after the policy
  Diagnostics& d_;
  std::map<std::string, std::size_t> uncertainty_slot_;
};

}  // namespace

std::unique_ptr<CompiledScenario> compile_scenario(const ScenarioSpec& spec, const ModelRegistry& registry,
                                                   const std::string& policy, Diagnostics& diags,
                                                   const std::string& file) {
  auto c = std::make_unique<CompiledScenario>();
  c->spec = spec;
  c->policy = policy;
  const PolicySpec* p = nullptr;
  if (!policy.empty()) {
    p = spec.policy(policy);
    if (!p) {
      const auto ids = spec.policy_ids();
      diags.error({file, 0, 0}, "unknown policy '" + policy + "'" + did_you_mean(policy, ids) +
                                    (ids.empty() ? "; the scenario defines no policies"
                                                 : "; the scenario defines " + join_alternatives(ids)));
      return nullptr;
    }
  }
  c->n_steps = spec.time.steps();
  c->dt = spec.time.dt();
  for (int s = 0; s <= c->n_steps; ++s) c->years.push_back(spec.time.start + s * c->dt);
  Compiler comp(*c, diags);
  const std::size_t errors_before = diags.size();
  comp.uncertainties();
  comp.actors();
  comp.levers(p);
  comp.events();
  comp.models(registry);
  comp.outcomes(registry);
  comp.triggers();
  if (diags.size() != errors_before) return nullptr;
  return c;
}

}  // namespace entente
