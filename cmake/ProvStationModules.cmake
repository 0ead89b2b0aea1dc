# One library target per core module, with the modules it depends on declared
# (as Qt Creator's src/libs do). The layering is enforced by the compiler, not
# by a comment: each module compiles against an include root of its own that
# holds one entry, <module> -> core/<module>, and gets the roots of the modules
# it declares through target_link_libraries. An #include of a module it did not
# declare -- an upward include -- fails with "No such file or directory"
# (tests/core/layers shows it).
#
# The modules are OBJECT libraries: libprovcore (core/CMakeLists.txt) links
# their objects into the one shared library the programs and plugins use, so
# the installed layout does not change with the module list.

# The include root of module <name>: a folder whose one entry is <name> -> core/<name>.
function(provstation_core_module_root name out)
    set(root ${PROJECT_BINARY_DIR}/core-include/${name})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/core/${name} ${root}/${name} SYMBOLIC)
    set(${out} ${root} PARENT_SCOPE)
endfunction()

# provstation_add_core_module(<name> [DEPENDS <module targets>...])
# makes target prov<name> for the sources in core/<name>.
function(provstation_add_core_module name)
    cmake_parse_arguments(M "" "" "DEPENDS" ${ARGN})
    set(target prov${name})
    provstation_core_module_root(${name} root)
    add_library(${target} OBJECT)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_include_directories(${target} PUBLIC ${root})
    # The same Qt modules for all: the shared precompiled header is valid only
    # for translation units with the same QT_*_LIB definitions.
    target_link_libraries(${target} PUBLIC ${M_DEPENDS} Qt6::Core Qt6::Network Qt6::Sql Qt6::SerialPort)
    provstation_set_warnings(${target})
    if(PROVSTATION_PCH)
        # One precompiled header for all modules (its Qt headers dominate compile time).
        target_precompile_headers(${target} REUSE_FROM provcorepch)
    endif()
    set_property(GLOBAL APPEND PROPERTY PROVSTATION_CORE_MODULES ${target})
endfunction()

# The include roots of the given module targets and of everything they
# depend on, for a target that cannot link their objects (libprovserver links
# libprovcore instead).
function(provstation_module_include_roots out)
    set(dirs)
    foreach(m IN LISTS ARGN)
        list(APPEND dirs $<TARGET_PROPERTY:${m},INTERFACE_INCLUDE_DIRECTORIES>)
    endforeach()
    set(${out} ${dirs} PARENT_SCOPE)
endfunction()
