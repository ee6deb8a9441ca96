// See ClipboardOffer.h.
#include "ui/ClipboardOffer.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

// Tool tips guess rich text from the first tag they see; a copied link is
// text and stays text, whatever angle brackets it carries.
QString plainToolTip(const QList<QUrl> &urls)
{
    QStringList lines;
    for (const QUrl &url : urls)
        lines << url.toDisplayString().toHtmlEscaped();
    return u"<qt>"_s + lines.join(u"<br>"_s) + u"</qt>"_s;
}

} // namespace

ClipboardOffer::ClipboardOffer(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"clipboardOffer"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(QIcon::fromTheme(u"edit-paste"_s, style()->standardIcon(QStyle::SP_ArrowDown)).pixmap(size));
    m_label = new QLabel(this);
    m_label->setObjectName(u"clipboardOfferText"_s);
    m_label->setTextFormat(Qt::PlainText); // a link's name is shown, never interpreted
    m_label->setMinimumWidth(0);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_download = new QPushButton(this);
    m_download->setObjectName(u"clipboardDownload"_s);
    m_review = new QPushButton(this);
    m_review->setObjectName(u"clipboardReview"_s);
    auto *dismiss = new QToolButton(this);
    m_dismiss = dismiss;
    dismiss->setObjectName(u"clipboardDismiss"_s);
    dismiss->setAutoRaise(true);
    dismiss->setIcon(QIcon::fromTheme(u"window-close"_s, style()->standardIcon(QStyle::SP_TitleBarCloseButton)));
    retranslate();

    connect(m_download, &QPushButton::clicked, this, [this] { answer(&ClipboardOffer::downloadRequested); });
    connect(m_review, &QPushButton::clicked, this, [this] { answer(&ClipboardOffer::reviewRequested); });
    connect(dismiss, &QToolButton::clicked, this, [this] { answer(nullptr); });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 3, 3);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_download);
    layout->addWidget(m_review);
    layout->addWidget(dismiss);
    hide();
}

void ClipboardOffer::offer(const QList<QUrl> &urls)
{
    if (urls.isEmpty())
        return;
    m_urls = urls;
    retranslate();
    m_label->setToolTip(plainToolTip(urls));
    show();
}

void ClipboardOffer::retranslate()
{
    m_download->setText(tr("Download"));
    m_review->setText(tr("Add…"));
    m_dismiss->setToolTip(tr("Dismiss"));
    if (m_urls.size() == 1)
        m_label->setText(tr("Copied a link to “%1”. Download it?").arg(m_urls.constFirst().fileName()));
    else if (!m_urls.isEmpty())
        m_label->setText(tr("Copied %n link(s) to files. Download them?", nullptr, int(m_urls.size())));
}

void ClipboardOffer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

QString ClipboardOffer::text() const
{
    return m_label->text();
}

void ClipboardOffer::answer(void (ClipboardOffer::*signal)(const QList<QUrl> &))
{
    const QList<QUrl> urls = std::exchange(m_urls, {});
    hide();
    if (signal)
        emit (this->*signal)(urls);
}

} // namespace ferry
