// A Node tree as JSON: the "resolved scenario" of every manifest, and the
// canonical form hashed into the scenario hash.
#pragma once
#include <nlohmann/json.hpp>

#include "sim/io/node.hpp"

namespace entente {

// Unquoted scalars that read as numbers, booleans or null become those JSON
// types; everything else is a string. Map order is kept.
nlohmann::ordered_json node_to_json(const Node& node);

}  // namespace entente
