# provstation_set_warnings(target): the project's warning level, errors in CI.
function(provstation_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wcast-align -Woverloaded-virtual -Wformat=2)
    if(PROVSTATION_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
