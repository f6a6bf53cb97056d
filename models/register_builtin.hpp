// The explicit list of built-in model components.
#pragma once
#include "sim/model/registry.hpp"

namespace entente {

void register_builtin_models(ModelRegistry& registry);
// A registry holding the built-in components (built once, read-only).
const ModelRegistry& builtin_registry();

}  // namespace entente
