#include "grappe/animation/survey_import.hpp"

#include <algorithm>
#include <cctype>

namespace grappe::animation {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string strip_bullet(std::string piece) {
  for (const std::string_view bullet : {"\xE2\x80\xA2", "-", "*"}) {  // "•" in UTF-8
    if (piece.rfind(bullet, 0) == 0) return trim(std::string_view(piece).substr(bullet.size()));
  }
  return piece;
}

bool has_two_letters(const std::string& text) {
  int letters = 0;
  for (unsigned char c : text) letters += std::isalpha(c) || c >= 0x80;
  return letters >= 2;
}

std::string firm_id(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return {};
}

}  // namespace

std::vector<std::string> split_need_text(std::string_view text) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n') continue;
    auto piece = strip_bullet(trim(text.substr(start, i - start)));
    if (has_two_letters(piece)) pieces.push_back(std::move(piece));
    start = i + 1;
  }
  return pieces;
}

SurveyImport import_survey_answers(const std::vector<SurveyAnswer>& answers, const SurveyKeys& keys) {
  SurveyImport result;
  for (const auto& answer : answers) {
    if (!answer.answers.is_object()) continue;
    std::string theme;
    if (const auto themes = answer.answers.find(keys.themes);
        themes != answer.answers.end() && themes->is_array() && themes->size() == 1 && themes->front().is_string())
      theme = themes->front().get<std::string>();
    int n = 0;
    for (const auto& key : keys.need_texts) {
      const auto text = answer.answers.find(key);
      if (text == answer.answers.end() || !text->is_string()) continue;
      for (auto& statement : split_need_text(text->get<std::string>()))
        result.needs.push_back({answer.response_id + "-" + std::to_string(++n), answer.firm, theme,
                                std::move(statement), answer.language});
    }
    if (const auto known = answer.answers.find(keys.known_firms); known != answer.answers.end() && known->is_array()) {
      for (const auto& value : *known) {
        const auto other = firm_id(value);
        if (!other.empty() && other != answer.firm) result.ties.push_back({answer.firm, other, answer.date, "survey"});
      }
    }
  }
  return result;
}

}  // namespace grappe::animation
