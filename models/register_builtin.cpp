#include "models/register_builtin.hpp"

#include "models/alignment/alignment.hpp"
#include "models/alliance/alliance_cohesion.hpp"
#include "models/crisis/crisis_hazard.hpp"
#include "models/dependence/dependence.hpp"
#include "models/energy/energy_market.hpp"
#include "models/payments/payments.hpp"
#include "models/power/power_arms.hpp"
#include "models/supply/supply.hpp"
#include "models/trade/trade_sanctions.hpp"

namespace entente {

void register_builtin_models(ModelRegistry& registry) {
  // MODEL.md order: components 1 and 2; 3-7 come with the model-library issue.
  registry.add(trade_sanctions_info());
  registry.add(dependence_info());
  registry.add(payments_info());
  registry.add(alignment_info());
  registry.add(alliance_cohesion_info());
  registry.add(power_arms_info());
  registry.add(crisis_hazard_info());
  registry.add(supply_info());
  registry.add(energy_market_info());
}

const ModelRegistry& builtin_registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    register_builtin_models(r);
    return r;
  }();
  return registry;
}

}  // namespace entente
