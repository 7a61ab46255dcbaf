# salesmetrics_internal_proto(<target> <file.proto>): a static library of the
# C++ messages of one of our internal (non-API) protos, such as a
# configuration file's schema. The path is relative to the source root, and
# so is the include of the generated header ("core/alerts/x.pb.h").
function(salesmetrics_internal_proto target proto)
  set(gen_dir ${CMAKE_BINARY_DIR}/internal_protos)
  string(REGEX REPLACE "\\.proto$" "" base ${proto})
  add_custom_command(
    OUTPUT ${gen_dir}/${base}.pb.h ${gen_dir}/${base}.pb.cc
    COMMAND ${CMAKE_COMMAND} -E make_directory ${gen_dir}
    COMMAND protobuf::protoc --cpp_out=${gen_dir} -I ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/${proto}
    DEPENDS ${CMAKE_SOURCE_DIR}/${proto} protobuf::protoc
    COMMENT "protoc ${proto}"
    VERBATIM)
  add_library(${target} STATIC ${gen_dir}/${base}.pb.cc)
  target_include_directories(${target} PUBLIC ${gen_dir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf)
endfunction()
