// See ClipboardWatcher.h.
#include "ui/ClipboardWatcher.h"

#include "ui/FileKind.h"
#include "ui/UrlList.h"

#include <QClipboard>
#include <QMimeData>

namespace ferry {

ClipboardWatcher::ClipboardWatcher(QClipboard *clipboard, QObject *parent)
    : QObject(parent)
    , m_clipboard(clipboard)
{
    connect(m_clipboard, &QClipboard::dataChanged, this, &ClipboardWatcher::onChanged);
}

void ClipboardWatcher::setEnabled(bool enabled)
{
    if (enabled && !m_enabled)
        m_lastText = m_clipboard->text(); // what was copied before is not news
    m_enabled = enabled;
}

QList<QUrl> ClipboardWatcher::offerableLinks(const QString &text)
{
    const UrlList list = parseUrlList(text);
    if (!list.invalid.isEmpty() || list.urls.isEmpty() || list.urls.size() > kMaxLinks)
        return {};
    for (const QUrl &url : list.urls) {
        if (fileKindOf(url.fileName()) == FileKind::Other)
            return {};
    }
    return list.urls;
}

void ClipboardWatcher::onChanged()
{
    if (!m_enabled || m_clipboard->ownsClipboard()) // "Copy link" in Ferry itself
        return;
    const QMimeData *mime = m_clipboard->mimeData();
    if (!mime || !mime->hasText())
        return;
    const QString text = mime->text();
    if (text.size() > kMaxTextLength || text == m_lastText)
        return;
    m_lastText = text;
    const QList<QUrl> urls = offerableLinks(text);
    if (!urls.isEmpty())
        emit linksOffered(urls);
}

} // namespace ferry
