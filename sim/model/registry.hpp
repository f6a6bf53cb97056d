// The registry of model components (SimGrid's model groups): filled by an
// explicit call (models/register_builtin.cpp), never by static initialisers
// that a linker may drop.
#pragma once
#include <string>
#include <vector>

#include "sim/model/model.hpp"

namespace entente {

class ModelRegistry {
 public:
  // Throws std::logic_error on a duplicate name: a programming error.
  void add(ModelInfo info);
  const ModelInfo* find(std::string_view name) const;
  std::vector<std::string> names() const;
  const std::vector<ModelInfo>& all() const { return infos_; }

 private:
  std::vector<ModelInfo> infos_;
};

}  // namespace entente
