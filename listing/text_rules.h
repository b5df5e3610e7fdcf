// The patterns of listing/listing.schema.json, written out by hand so the C++
// reader accepts exactly the text the schema accepts, without std::regex
// (whose backtracking recurses per character and can exhaust the stack on
// hostile input). Each check returns nullptr when the text is acceptable, else
// what was expected, for the message. Lengths are checked by the caller.
#pragma once

#include <string_view>

namespace oh::listing {

using TextCheck = const char* (*)(std::string_view text);

const char* checkListingId(std::string_view text);     // ^[a-z0-9-]{3,64}$
const char* checkPostalCode(std::string_view text);    // ^[0-9A-Za-z]([0-9A-Za-z -]{0,10}[0-9A-Za-z])?$
const char* checkCurrency(std::string_view text);      // ^[A-Z]{3}$
const char* checkEnergyClass(std::string_view text);   // ^[A-G](2007|2013|2018)?$
const char* checkLanguageTag(std::string_view text);   // ^[a-z]{2,3}(-[A-Z]{2})?$
const char* checkPhone(std::string_view text);         // ^\+?[0-9][0-9 ()-]{3,22}[0-9]$
const char* checkEmail(std::string_view text);         // ^[^@ \t\n\r\f\v]+@[^@ \t\n\r\f\v]+\.[^@ \t\n\r\f\v]+$
const char* checkFeature(std::string_view text);       // one of featureNames()
// $defs/filePath plus the extension pattern of "model" / $defs/imagePath.
const char* checkModelPath(std::string_view text);
const char* checkImagePath(std::string_view text);

// Code points in UTF-8 text, as JSON Schema's minLength/maxLength count them.
size_t codePointCount(std::string_view utf8);

}  // namespace oh::listing
