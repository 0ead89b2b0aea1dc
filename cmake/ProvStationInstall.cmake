# Install layout (cmake --install, the Debian packages of installer/debian):
#   bin/                          the programs
#   lib/provstation/              libprovcore and libprovserver: private, no
#                                 headers, no ABI promise to anyone else
#   lib/provstation/plugins/      the meter plugins, where PluginRegistry looks
#                                 (beside the program: bin/../lib/provstation/plugins,
#                                 the same layout as the build tree)
# The RUNPATHs are relative to $ORIGIN, so an installed tree works under any
# prefix and lintian accepts them.
include(GNUInstallDirs)
set(PROVSTATION_INSTALL_PRIVATE_LIBDIR lib/provstation)
set(PROVSTATION_INSTALL_PLUGINDIR ${PROVSTATION_INSTALL_PRIVATE_LIBDIR}/plugins)

function(provstation_install_program target)
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/../${PROVSTATION_INSTALL_PRIVATE_LIBDIR}")
    install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

function(provstation_install_private_library target)
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN")
    install(TARGETS ${target} LIBRARY DESTINATION ${PROVSTATION_INSTALL_PRIVATE_LIBDIR} NAMELINK_SKIP)
endfunction()

function(provstation_install_plugin target)
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/..")
    install(TARGETS ${target} LIBRARY DESTINATION ${PROVSTATION_INSTALL_PLUGINDIR})
endfunction()
