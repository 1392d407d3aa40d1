// rinnalla-openapi DESCRIPTOR_SET OUT: writes the OpenAPI 3.1 document of the REST surface of
// rinnalla.v1 from a FileDescriptorSet (protoc --include_imports --include_source_info), so the
// field comments become descriptions. The build runs it; exits non-zero on any problem.

#include <fstream>
#include <iostream>
#include <vector>

#include "document.h"
#include "google/api/annotations.pb.h"  // the google.api.http extension, so options parse it
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: rinnalla-openapi DESCRIPTOR_SET OUT\n";
    return 2;
  }
  google::protobuf::FileDescriptorSet set;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in || !set.ParseFromIstream(&in)) {
    std::cerr << "rinnalla-openapi: cannot read the descriptor set " << argv[1] << "\n";
    return 1;
  }
  google::protobuf::DescriptorPool pool;
  std::vector<const google::protobuf::FileDescriptor*> api_files;
  for (const auto& file : set.file()) {  // --include_imports orders dependencies first
    const google::protobuf::FileDescriptor* built = pool.BuildFile(file);
    if (built == nullptr) {
      std::cerr << "rinnalla-openapi: cannot build " << file.name() << "\n";
      return 1;
    }
    if (built->package() == "rinnalla.v1") api_files.push_back(built);
  }
  if (api_files.empty()) {
    std::cerr << "rinnalla-openapi: no rinnalla.v1 file in " << argv[1] << "\n";
    return 1;
  }
  // The extension must be known to the generated pool for the options to carry it.
  (void)google::api::http.number();
  rinnalla::openapi::DocumentOrError result = rinnalla::openapi::OpenApiDocument(api_files);
  if (!result.error.empty()) {
    std::cerr << "rinnalla-openapi: " << result.error << "\n";
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out << result.document.dump(2) << "\n";
  if (!out) {
    std::cerr << "rinnalla-openapi: cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
