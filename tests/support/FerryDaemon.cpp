// See FerryDaemon.h.
#include "tests/support/FerryDaemon.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace ferry::test {

bool FerryDaemon::start(const QString &program, const QString &home, const QString &dir, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"http_proxy"_s, u"https_proxy"_s, u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s,
                                u"no_proxy"_s, u"NO_PROXY"_s, u"HTTP_PROXY"_s, u"NETRC"_s})
        env.remove(name);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, QStringList{u"daemon"_s, u"--rpc-port"_s, u"0"_s, u"--rpc-secret"_s,
                                                              QString::fromLatin1(kSecret), u"-d"_s, dir}
                                                      + arguments);
    if (!m_process.waitForStarted(10000))
        return false;
    const QRegularExpression ready(u"http://127\\.0\\.0\\.1:(\\d+)/jsonrpc"_s);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000) {
        m_out += m_process.readAll();
        const auto match = ready.match(QString::fromUtf8(m_out));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(100);
    }
    return false;
}

bool FerryDaemon::terminate()
{
    ::kill(pid_t(m_process.processId()), SIGTERM);
    const bool ok = m_process.waitForFinished(20000);
    m_out += m_process.readAll();
    return ok && m_process.exitStatus() == QProcess::NormalExit;
}

void FerryDaemon::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QByteArray FerryDaemon::output()
{
    return m_out += m_process.readAll();
}

QJsonObject FerryDaemon::call(const QString &method, QJsonArray params) const
{
    return rpcCall(m_port, QString::fromLatin1(kSecret), method, std::move(params));
}

QJsonObject rpcCall(quint16 port, const QString &token, const QString &method, QJsonArray params)
{
    if (!token.isEmpty())
        params.prepend(QString(u"token:"_s + token));
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/jsonrpc"_s.arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QByteArray body = QJsonDocument(QJsonObject{{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, u"t"_s},
                                                      {u"method"_s, method}, {u"params"_s, params}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = nam.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

} // namespace ferry::test
