// libqrencode, for the EPC payment QR code in SettleDocuments.
#include <qrencode.h>
