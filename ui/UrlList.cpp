// See UrlList.h.
#include "ui/UrlList.h"

#include <QMimeData>
#include <QStringTokenizer>

using namespace Qt::StringLiterals;

namespace ferry {

namespace {

bool isDownloadable(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

void addUrl(UrlList &list, const QUrl &url)
{
    if (!list.urls.contains(url))
        list.urls.append(url);
}

} // namespace

UrlList parseUrlList(QStringView text)
{
    UrlList list;
    for (QStringView line : QStringTokenizer(text, u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QUrl url(line.toString(), QUrl::StrictMode);
        if (isDownloadable(url))
            addUrl(list, url);
        else
            list.invalid.append(line.toString());
    }
    return list;
}

UrlList parseUrlList(const QMimeData &mime)
{
    if (!mime.hasUrls())
        return parseUrlList(mime.text());
    UrlList list;
    const QList<QUrl> urls = mime.urls();
    for (const QUrl &url : urls) {
        if (isDownloadable(url))
            addUrl(list, url);
        else
            list.invalid.append(url.toDisplayString());
    }
    return list;
}

bool containsUrls(const QMimeData &mime)
{
    if (mime.hasUrls())
        return !parseUrlList(mime).urls.isEmpty();
    return mime.hasText() && !parseUrlList(mime.text()).urls.isEmpty();
}

} // namespace ferry
