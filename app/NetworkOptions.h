// The network options of `ferry get` (--proxy, --no-proxy, --user,
// --no-netrc, --netrc-file, --load-cookies, --referer, --user-agent) and how
// they fill a DownloadRequest (docs/network.md). Kept apart from GetCommand so
// the rules and their messages live in one place.
#pragma once

#include "core/DownloadRequest.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace ferry {

class NetworkOptions
{
public:
    NetworkOptions();

    QList<QCommandLineOption> options() const;
    // False with a one-line usage error (no secret in it).
    bool apply(const QCommandLineParser &parser, DownloadRequest *request, QString *error) const;

private:
    QCommandLineOption m_proxy;
    QCommandLineOption m_noProxy;
    QCommandLineOption m_user;
    QCommandLineOption m_noNetrc;
    QCommandLineOption m_netrcFile;
    QCommandLineOption m_loadCookies;
    QCommandLineOption m_referer;
    QCommandLineOption m_userAgent;
};

} // namespace ferry
