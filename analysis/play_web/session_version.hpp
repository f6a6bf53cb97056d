// The version of a session as the browser screens poll it: the seq of the
// journal's last entry. The journal is append-only, so any command, from the
// browser or the command line, changes it. A plain read: it does not wait
// for the write lock an adjudication holds while it computes.
#pragma once
#include <cstdint>
#include <string>

namespace entente::analysis::play_web {

std::int64_t session_version(const std::string& session);

}  // namespace entente::analysis::play_web
