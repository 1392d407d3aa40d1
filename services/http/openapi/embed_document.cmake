# cmake -DIN=openapi.json -DOUT=openapi_document.cc -P embed_document.cmake: writes the .cc that
# compiles the document in. Hex bytes, not a string literal: no length limit and no escaping.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){24})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
  "// Generated from openapi.json by embed_document.cmake: do not edit.\n"
  "#include \"openapi_document.h\"\n\n"
  "namespace rinnalla::http {\nnamespace {\nconstexpr char kDocument[] = {\n${bytes}};\n}  // namespace\n\n"
  "std::string_view OpenApiDocument() { return {kDocument, sizeof kDocument}; }\n\n"
  "}  // namespace rinnalla::http\n")
file(RENAME "${OUT}.tmp" "${OUT}")
