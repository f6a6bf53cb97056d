// Who may use `entente play serve`: the facilitator and each team hold a
// random access token (256 bits from the OS, getrandom). The session file
// keeps only each token's SHA-256, in table `web_access` (docs/outputs.md),
// so a copy of the session does not let anyone in; the tokens themselves are
// shown once, as links, when they are issued.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/play/game.hpp"

namespace entente::analysis::play_web {

inline constexpr const char* kFacilitatorRole = "facilitator";
// "team:blue" for team blue.
std::string team_role(const std::string& team);

// 64 lowercase hex digits from getrandom(2); throws when the OS has no entropy to give.
std::string random_token();

struct IssuedToken {
  std::string role;   // kFacilitatorRole or team_role(id)
  std::string token;  // shown once; only its SHA-256 is stored
};

// Replaces every role's token (the facilitator and each team of `setup`) in
// one transaction; the old links stop working at once.
std::vector<IssuedToken> issue_tokens(const std::string& session, const play::GameSetup& setup);

// Whether the session already holds a token for every role of `setup`.
bool has_tokens(const std::string& session, const play::GameSetup& setup);

// The role whose token this is, or none. Reads the session each time, so a
// reissue by another process takes effect at once.
std::optional<std::string> role_of_token(const std::string& session, const std::string& token);

}  // namespace entente::analysis::play_web
