# salesmetrics_add_plugin(<name> <source>...): builds the metric plugin
# <name>.so, a MODULE in C++20 (salesmetrics::plugin_sdk requires it) that
# exports only its entry point and leaves no symbol unresolved, and installs
# it into <prefix>/lib/salesmetrics/plugins, where a server installed under
# the same prefix looks for its plugins.
#
# The standard plugins are built with this same function; an installed
# SDK's salesmetricsConfig.cmake includes it.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(salesmetrics_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${name} PRIVATE salesmetrics::plugin_sdk)
  # Under SALESMETRICS_SANITIZE the sanitizer runtimes are in the server,
  # not in the plugin, so their symbols stay undefined here.
  if(NOT SALESMETRICS_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
  # GCC marks some template statics STB_GNU_UNIQUE, and glibc never unloads
  # a library that defines one: each reload would leak a copy.
  target_compile_options(${name} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
  install(TARGETS ${name} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/salesmetrics/plugins)
endfunction()
