# One INTERFACE target that carries the warnings and Qt safety defines for every
# Ferry target (libraries, the executable and the tests).
add_library(ferry_common INTERFACE)

target_compile_options(ferry_common INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor
    -Wno-deprecated-declarations)

target_compile_definitions(ferry_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    FERRY_VERSION="${PROJECT_VERSION}")

# Sources under the top-level directory include each other as "core/Foo.h".
target_include_directories(ferry_common INTERFACE ${PROJECT_SOURCE_DIR})
