// See NetworkOptions.h. A password left out of --user is asked on the
// terminal with echo off (as curl -u USER does), only when stdin is one.
#include "app/NetworkOptions.h"

#include "core/CookiesTxt.h"
#include "core/ProxyUrl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTextStream>

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <string>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(GetCommand)
};

// One line from the terminal without echo; nullopt when stdin is no terminal.
std::optional<QString> askPassword(const QString &prompt)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    QTextStream(stderr) << prompt << Qt::flush;
    termios saved{};
    const bool haveTerm = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerm) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        line.push_back(char(c));
    if (haveTerm)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    QTextStream(stderr) << '\n' << Qt::flush;
    return QString::fromStdString(line);
}

} // namespace

NetworkOptions::NetworkOptions()
    : m_proxy(u"proxy"_s, Text::tr("Use this proxy: http://, socks5:// or socks5h://, with user:password@ if it needs a login."),
              Text::tr("URL"))
    , m_noProxy(u"no-proxy"_s, Text::tr("Connect directly, ignoring the proxy variables and the desktop's proxy."))
    , m_user(u"user"_s, Text::tr("Log in to the server as USER (asks for the password on a terminal when it is left out)."),
             Text::tr("USER[:PASSWORD]"))
    , m_noNetrc(u"no-netrc"_s, Text::tr("Do not look up logins in ~/.netrc."))
    , m_netrcFile(u"netrc-file"_s, Text::tr("Look up logins in FILE instead of ~/.netrc."), Text::tr("FILE"))
    , m_loadCookies(u"load-cookies"_s, Text::tr("Send the cookies of a Netscape cookies.txt file."), Text::tr("FILE"))
    , m_referer(u"referer"_s, Text::tr("Send this Referer."), Text::tr("URL"))
    , m_userAgent(u"user-agent"_s, Text::tr("Send this User-Agent instead of Ferry's."), Text::tr("UA"))
{
}

QList<QCommandLineOption> NetworkOptions::options() const
{
    return {m_proxy, m_noProxy, m_user, m_noNetrc, m_netrcFile, m_loadCookies, m_referer, m_userAgent};
}

bool NetworkOptions::apply(const QCommandLineParser &parser, DownloadRequest *request, QString *error) const
{
    if (parser.isSet(m_proxy) && parser.isSet(m_noProxy)) {
        *error = Text::tr("use either --proxy or --no-proxy");
        return false;
    }
    if (parser.isSet(m_proxy)) {
        const ProxyUrl parsed = parseProxyUrl(parser.value(m_proxy));
        if (!parsed.ok) {
            *error = Text::tr("--proxy: %1").arg(parsed.error);
            return false;
        }
        // As curl: no_proxy still names the hosts reached directly.
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString noProxy = !env.value(u"no_proxy"_s).isEmpty() ? env.value(u"no_proxy"_s) : env.value(u"NO_PROXY"_s);
        request->proxy = ProxySetting{ProxyMode::Manual, parser.value(m_proxy).trimmed(), noProxy};
    } else if (parser.isSet(m_noProxy)) {
        request->proxy = ProxySetting{ProxyMode::None, {}, {}};
    }
    if (parser.isSet(m_user)) {
        const QString value = parser.value(m_user);
        const qsizetype colon = value.indexOf(u':');
        request->user = colon < 0 ? value : value.left(colon);
        if (request->user.isEmpty()) {
            *error = Text::tr("--user needs a user name");
            return false;
        }
        if (colon >= 0) {
            request->password = value.mid(colon + 1);
        } else if (const auto typed = askPassword(Text::tr("Password for %1: ").arg(request->user))) {
            request->password = *typed;
        }
    }
    request->useNetrc = !parser.isSet(m_noNetrc);
    if (parser.isSet(m_netrcFile)) {
        request->netrcFile = QFileInfo(parser.value(m_netrcFile)).absoluteFilePath();
        if (!QFileInfo(request->netrcFile).isReadable()) {
            *error = Text::tr("--netrc-file: cannot read %1").arg(parser.value(m_netrcFile));
            return false;
        }
    }
    if (parser.isSet(m_loadCookies)) {
        CookiesTxt cookies;
        QString why;
        if (!loadCookiesTxtFile(parser.value(m_loadCookies), &cookies, &why)) {
            *error = why;
            return false;
        }
        QFile file(parser.value(m_loadCookies));
        file.open(QIODevice::ReadOnly);
        request->cookies = file.read(kMaxCookiesTxtBytes);
    }
    if (parser.isSet(m_referer))
        request->referer = parser.value(m_referer).toUtf8();
    if (parser.isSet(m_userAgent))
        request->userAgent = parser.value(m_userAgent).toUtf8();
    return true;
}

} // namespace ferry
