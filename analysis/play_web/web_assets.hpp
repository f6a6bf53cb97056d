// The pages of `entente play serve`, compiled into the binary: one HTML
// page, its script and its style sheet. Nothing is loaded from elsewhere
// (the Content-Security-Policy forbids it), so a game runs offline.
#pragma once
#include <string>
#include <vector>

namespace entente::analysis::play_web {

struct WebAsset {
  std::string path;          // "/", "/app.js", "/app.css"
  std::string content_type;
  std::string body;
};

const std::vector<WebAsset>& web_assets();

}  // namespace entente::analysis::play_web
