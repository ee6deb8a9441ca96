#include "core/DownloadState.h"

#include <QCoreApplication>

namespace ferry {

namespace {
struct StateName {
    DownloadState state;
    const char *key;
};
constexpr StateName kStates[] = {
    {DownloadState::Queued, "queued"},       {DownloadState::Downloading, "downloading"},
    {DownloadState::Paused, "paused"},       {DownloadState::Verifying, "verifying"},
    {DownloadState::Completed, "completed"}, {DownloadState::Failed, "failed"},
};
struct KindName {
    ErrorKind kind;
    const char *key;
};
constexpr KindName kKinds[] = {
    {ErrorKind::None, "none"},
    {ErrorKind::Retryable, "retryable"},
    {ErrorKind::NeedsUser, "needs-user"},
    {ErrorKind::Fatal, "fatal"},
};
} // namespace

QString stateName(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued: return QCoreApplication::translate("DownloadState", "Queued");
    case DownloadState::Downloading: return QCoreApplication::translate("DownloadState", "Downloading");
    case DownloadState::Paused: return QCoreApplication::translate("DownloadState", "Paused");
    case DownloadState::Verifying: return QCoreApplication::translate("DownloadState", "Verifying");
    case DownloadState::Completed: return QCoreApplication::translate("DownloadState", "Completed");
    case DownloadState::Failed: return QCoreApplication::translate("DownloadState", "Failed");
    }
    return {};
}

const char *stateKey(DownloadState state)
{
    for (const auto &s : kStates)
        if (s.state == state)
            return s.key;
    return "queued";
}

DownloadState stateFromKey(QStringView key, DownloadState fallback)
{
    for (const auto &s : kStates)
        if (key == QLatin1StringView(s.key))
            return s.state;
    return fallback;
}

const char *errorKindKey(ErrorKind kind)
{
    for (const auto &k : kKinds)
        if (k.kind == kind)
            return k.key;
    return "none";
}

ErrorKind errorKindFromKey(QStringView key)
{
    for (const auto &k : kKinds)
        if (key == QLatin1StringView(k.key))
            return k.kind;
    return ErrorKind::None;
}

} // namespace ferry
