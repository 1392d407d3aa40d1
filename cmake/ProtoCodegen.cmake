# Compiles .proto files into C++ message and gRPC stub sources, once, into the build tree.
# The custom commands depend only on the .proto files, so unchanged protos are never regenerated.
function(rinnalla_generate_protos out_srcs proto_root)
  set(gen_dir "${CMAKE_BINARY_DIR}/gen")
  set(srcs)
  foreach(proto ${ARGN})
    file(RELATIVE_PATH rel "${proto_root}" "${proto}")
    string(REGEX REPLACE "\\.proto$" "" base "${rel}")
    set(outputs "${gen_dir}/${base}.pb.cc" "${gen_dir}/${base}.pb.h"
                "${gen_dir}/${base}.grpc.pb.cc" "${gen_dir}/${base}.grpc.pb.h")
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND ${CMAKE_COMMAND} -E make_directory "${gen_dir}"
      COMMAND protobuf::protoc
        --proto_path=${proto_root} --proto_path=/usr/share/grpc-proto
        --cpp_out=${gen_dir} --grpc_out=${gen_dir}
        --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
        "${proto}"
      DEPENDS "${proto}"
      COMMENT "protoc ${rel}"
      VERBATIM)
    list(APPEND srcs "${gen_dir}/${base}.pb.cc" "${gen_dir}/${base}.grpc.pb.cc")
  endforeach()
  set(${out_srcs} ${srcs} PARENT_SCOPE)
endfunction()
