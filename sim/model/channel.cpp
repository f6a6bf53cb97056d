#include "sim/model/channel.hpp"

namespace entente {

std::string_view channel_name(Channel c) {
  switch (c) {
    case Channel::kEnergy: return "energy";
    case Channel::kGoods: return "goods";
    case Channel::kTechnology: return "technology";
    case Channel::kArms: return "arms";
    case Channel::kCredit: return "credit";
    case Channel::kPayments: return "payments";
  }
  return "?";
}

std::optional<Channel> parse_channel(std::string_view s) {
  for (Channel c : kAllChannels)
    if (channel_name(c) == s) return c;
  return std::nullopt;
}

}  // namespace entente
