// libprovcore is made of the core modules' objects (core/CMakeLists.txt); a library
// target needs one source of its own.
