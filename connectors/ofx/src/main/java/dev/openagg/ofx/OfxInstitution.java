package dev.openagg.ofx;

import java.net.URI;
import java.time.Duration;

/**
 * One institution of the institutions file: where its OFX server is, how to sign on to it (ORG, FID, the
 * application it expects), and which protocol version it speaks.
 *
 * @param bankId        the routing number its bank accounts carry, when the account list leaves it out
 * @param brokerId      its BROKERID for investment accounts, when the account list leaves it out
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the whole reply
 * @param maxReplyBytes  the largest reply read; a longer one fails the job
 */
record OfxInstitution(String code, String name, URI url, String org, String fid, String bankId, String brokerId,
                      OfxVersion version, String appId, String appVersion, Duration connectTimeout,
                      Duration readTimeout, int maxReplyBytes) {
}
