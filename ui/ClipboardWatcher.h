// Opt-in clipboard watching (Settings → "Offer links copied to the
// clipboard"): when another program copies links to files — only links, and
// each one naming a file by a known extension (ui/FileKind) — the window is
// offered them once. A copied web page link, a paragraph with a link in it,
// a link Ferry copied itself or the same text copied again offers nothing.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QClipboard;

namespace ferry {

class ClipboardWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClipboardWatcher)

public:
    explicit ClipboardWatcher(QClipboard *clipboard, QObject *parent = nullptr);

    // Off by default. Turning it on does not offer what is on the clipboard already.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // The links that `text` would offer: empty unless every non-blank line is
    // an http(s) link to a file of a known kind. At most kMaxLinks.
    static QList<QUrl> offerableLinks(const QString &text);
    static constexpr int kMaxLinks = 100;
    // Longer text (a copied document) is not read as links at all.
    static constexpr qsizetype kMaxTextLength = 64 * 1024;

Q_SIGNALS:
    void linksOffered(const QList<QUrl> &urls);

private:
    void onChanged();

    QClipboard *m_clipboard;
    bool m_enabled = false;
    QString m_lastText; // browsers set the clipboard more than once per copy
};

} // namespace ferry
