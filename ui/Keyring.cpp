// See Keyring.h.
#include "ui/Keyring.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {
const QString kService = u"Ferry"_s; // what the keyring shows as the owner of the entries
} // namespace

Keyring::Keyring(QObject *parent)
    : QObject(parent)
{
}

void Keyring::read(const QString &key, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        switch (job->error()) {
        case QKeychain::NoError:
            done(job->textData(), {});
            return;
        case QKeychain::EntryNotFound:
            done(std::nullopt, {});
            return;
        case QKeychain::NoBackendAvailable:
            m_available = false;
            break;
        default:
            break;
        }
        done(std::nullopt, job->errorString());
    });
    job->start(); // the job deletes itself once finished (autoDelete)
}

void Keyring::write(const QString &key, const QString &value, WriteDone done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        if (job->error() == QKeychain::NoBackendAvailable)
            m_available = false;
        if (done)
            done(job->error() == QKeychain::NoError ? QString() : job->errorString());
    });
    job->start();
}

void Keyring::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->start();
}

} // namespace ferry
