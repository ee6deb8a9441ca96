// See RemoteControlBridge.h.
#include "app/RemoteControlBridge.h"

#include "core/DownloadEngine.h"
#include "rpc/RpcSecret.h"
#include "rpc/RpcService.h"
#include "ui/RemoteControlDialog.h"

using namespace Qt::StringLiterals;

namespace ferry {

RemoteControlBridge::RemoteControlBridge(DownloadEngine &engine, const QString &downloadFolder, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_downloadFolder(downloadFolder)
    , m_settings(RemoteControlSettings::load())
{
}

RemoteControlBridge::~RemoteControlBridge() = default;

void RemoteControlBridge::restore()
{
    if (m_settings.enabled)
        apply(m_settings);
}

bool RemoteControlBridge::apply(RemoteControlSettings settings)
{
    if (!isUsableRpcSecret(settings.secret))
        settings.secret = savedRpcSecret();
    m_settings = settings;
    m_settings.save();
    m_service.reset();
    bool ok = true;
    if (!settings.enabled) {
        m_status = tr("Remote control is off.");
    } else {
        Aria2GlobalOptions globals;
        globals.dir = m_downloadFolder;
        globals.maxConcurrentDownloads = m_engine.options().maxActive;
        globals.maxOverallDownloadLimit = m_engine.options().globalSpeedLimit;
        globals.proxyInSettings = true; // Settings → Network is the window's proxy
        m_service = std::make_unique<RpcService>(m_engine, globals);
        m_service->methods().setHooks({m_saveSession, {}}); // aria2.shutdown does not close the window
        RpcSettings rpc;
        rpc.port = settings.port;
        rpc.listenAll = settings.listenAll;
        rpc.secret = settings.secret; // the window never runs without one
        QString error;
        if (m_service->start(rpc, &error)) {
            m_status = settings.listenAll
                ? tr("Running. Devices on the network can connect with the secret.")
                : tr("Running. Only programs on this computer can connect.");
        } else {
            m_service.reset();
            m_status = tr("Remote control could not start: %1").arg(error);
            ok = false;
        }
    }
    Q_EMIT statusChanged(address(), m_status);
    return ok;
}

void RemoteControlBridge::setDownloadFolder(const QString &folder)
{
    m_downloadFolder = folder;
}

bool RemoteControlBridge::isRunning() const
{
    return m_service && m_service->isRunning();
}

QString RemoteControlBridge::address() const
{
    return isRunning() ? m_service->address().toString() : QString();
}

void RemoteControlBridge::openDialog(QWidget *parent)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    RemoteControlSettings shown = m_settings;
    if (!isUsableRpcSecret(shown.secret))
        shown.secret = savedRpcSecret();
    auto *dialog = new RemoteControlDialog(shown, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->setStatus(address(), m_status.isEmpty() ? tr("Remote control is off.") : m_status);
    connect(dialog, &RemoteControlDialog::applyRequested, this, &RemoteControlBridge::apply);
    connect(dialog, &RemoteControlDialog::newSecretRequested, dialog,
            [dialog] { dialog->setSecret(generateRpcSecret()); });
    connect(this, &RemoteControlBridge::statusChanged, dialog, &RemoteControlDialog::setStatus);
    dialog->open();
}

} // namespace ferry
