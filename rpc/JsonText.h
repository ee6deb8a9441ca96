// JSON written straight into bytes, for the answers that carry thousands of
// status structs (tellWaiting/tellStopped with 1,000 downloads): QJsonObject
// costs tens of microseconds per struct, this a few hundred nanoseconds.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace ferry::json {

// "text" with JSON's escapes; the result is UTF-8.
void appendString(QByteArray &out, QStringView text);
// Any QJsonValue (through QJsonDocument): for the small, rare parts.
void appendValue(QByteArray &out, const QJsonValue &value);

} // namespace ferry::json
