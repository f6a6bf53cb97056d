// The dependency channels of MODEL.md, in the model layer because the shared
// fields (sim/model/shared_fields.hpp: flows and supply_wedge have one row
// per channel) and the components are shaped by them; the scenario's
// dependencies (sim/scenario/spec.hpp) name them too.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace entente {

// The first four are trade in goods and services; credit and payments are
// financial.
enum class Channel { kEnergy, kGoods, kTechnology, kArms, kCredit, kPayments };
inline constexpr std::size_t kChannelCount = 6;
inline constexpr std::array<Channel, kChannelCount> kAllChannels = {
    Channel::kEnergy, Channel::kGoods, Channel::kTechnology, Channel::kArms, Channel::kCredit, Channel::kPayments};
std::string_view channel_name(Channel c);
std::optional<Channel> parse_channel(std::string_view s);
inline constexpr std::size_t kTradeChannelCount = 4;  // energy, goods, technology, arms come first
inline bool is_trade_channel(Channel c) { return static_cast<std::size_t>(c) < kTradeChannelCount; }

}  // namespace entente
