# The dependencies of the library itself. The installed package config repeats this list with find_dependency.
find_package(XercesC 3.2 REQUIRED)
find_package(RapidJSON REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
