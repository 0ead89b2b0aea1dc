# Precompiled headers: the Qt umbrella headers dominate compile time on the
# 2-core CI machine (measured: provcore 136 s -> 105 s of CPU; the tests share
# one, see tests/CMakeLists.txt). Off with -DPROVSTATION_PCH=OFF: scripts/fuzz.sh
# builds that way, so CI still compiles core without them and a missing
# #include cannot hide behind the umbrella headers.
option(PROVSTATION_PCH "Use precompiled Qt headers" ON)

function(provstation_use_pch target)
    if(PROVSTATION_PCH)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()
