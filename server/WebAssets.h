// The peer web page compiled into the binary (resources/web/): `/` is its
// index.html, `/assets/<name>` its scripts and styles, and the short page a
// browser opening the bare address without the token gets.
#pragma once

#include "server/HttpResponse.h"

#include <QByteArrayView>

namespace ferry {

struct HttpRequest;

class WebAssets final
{
public:
    static HttpResponse page(const HttpRequest &request);
    // `name` is what follows /assets/; only plain file names of the page exist.
    static HttpResponse asset(const HttpRequest &request, QByteArrayView name);
    // 401 with the HTML that says to ask for the full link.
    static HttpResponse unauthorizedPage(bool headOnly);
};

} // namespace ferry
