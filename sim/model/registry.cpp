#include "sim/model/registry.hpp"

#include <stdexcept>

namespace entente {

const ParamDecl* ModelInfo::param(std::string_view n) const {
  for (const auto& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

const ParamDecl* ModelInfo::actor_param(std::string_view n) const {
  for (const auto& p : actor_params)
    if (p.name == n) return &p;
  return nullptr;
}

const RoleDecl* ModelInfo::role(std::string_view n) const {
  for (const auto& r : roles)
    if (r.name == n) return &r;
  return nullptr;
}

void ModelRegistry::add(ModelInfo info) {
  if (find(info.name)) throw std::logic_error("model '" + info.name + "' registered twice");
  infos_.push_back(std::move(info));
}

const ModelInfo* ModelRegistry::find(std::string_view name) const {
  for (const auto& i : infos_)
    if (i.name == name) return &i;
  return nullptr;
}

std::vector<std::string> ModelRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& i : infos_) out.push_back(i.name);
  return out;
}

}  // namespace entente
