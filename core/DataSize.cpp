// See DataSize.h.
#include "core/DataSize.h"

#include <QCoreApplication>
#include <QLocale>

namespace ferry {

QString formatDataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatDataRate(double bytesPerSecond)
{
    return QCoreApplication::translate("DataSize", "%1/s").arg(formatDataSize(qint64(bytesPerSecond)));
}

} // namespace ferry
