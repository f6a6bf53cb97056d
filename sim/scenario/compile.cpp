#include <cmath>
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
      const ActorSpec* owner = c_.spec.actor(l.owner);
      if (owner->kind == ActorKind::kAlliance) {
        for (const auto& m : owner->members) cl.coalition.push_back(*c_.actor_index(m));
      } else {
        cl.coalition.push_back(cl.owner);
      }
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
        }
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
      c_.levers.push_back(std::move(cl));
    }
  }

  void events() {
    for (const auto& e : c_.spec.events) {
      CompiledEvent ce;
      ce.id = e.id;
      ce.hazard_slot = slot_for(e.hazard);
      ce.repeatable = e.repeatable;
      for (const auto& ef : e.effects) {
        CompiledEffect x;
        x.kind = ef.kind;
        if (ef.kind == EffectKind::kGdpShock) {
          x.actor = *c_.actor_index(ef.actor);
          x.size = ef.size;
        } else {
          x.lever = *c_.lever_index(ef.lever);
          x.intensity = ef.intensity;
        }
        ce.effects.push_back(x);
      }
      c_.events.push_back(std::move(ce));
    }
  }

  void models(const ModelRegistry& registry) {
    for (const auto& m : c_.spec.models) {
      const ModelInfo* info = registry.find(m.name);
      ModelParams params;
      for (const auto& decl : info->params) {
        auto it = m.parameters.find(decl.name);
        params[decl.name] = {it != m.parameters.end()
                                 ? slot_for(it->second)
                                 : c_.add_slot("models." + m.name + ".parameters." + decl.name,
                                               Distribution::fixed(decl.default_value))};
      }
      auto model = info->create(c_, params);
      c_.model_state_offset.push_back(c_.model_state_size);
      c_.model_state_size += model->state_size();
      c_.models.push_back(std::move(model));
      c_.model_names.push_back(m.name);
    }
  }

  void outcomes(const ModelRegistry& registry) {
    for (const auto& o : c_.spec.outcomes) {
      const std::size_t slot = c_.n_series;
      bool bound = false;
      std::string hint;
      for (auto& model : c_.models) {
        std::string err;
        if (model->bind_output(o.series, slot, err)) {
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

 private:
  CompiledScenario& c_;
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
  if (diags.size() != errors_before) return nullptr;
  return c;
}

}  // namespace entente
