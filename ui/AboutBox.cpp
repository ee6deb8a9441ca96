// See AboutBox.h.
#include "ui/AboutBox.h"

#include <QMessageBox>
#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace ferry {

QString AboutBox::text()
{
    return tr("<h3>Ferry %1</h3>"
              "<p>Downloads files over HTTP and HTTPS with several connections, resumes them after a "
              "break or a restart, and shares folders with other devices on the local network.</p>"
              "<p>Also on the command line: <code>ferry get</code>, <code>ferry serve</code>, "
              "<code>ferry daemon</code> (<code>ferry --help</code>).</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>")
        .arg(QStringLiteral(FERRY_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void AboutBox::open(QWidget *parent)
{
    if (auto *shown = parent->findChild<QMessageBox *>(u"aboutBox"_s)) {
        shown->raise();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Ferry"), text(), QMessageBox::Close, parent);
    box->setObjectName(u"aboutBox"_s);
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace ferry
