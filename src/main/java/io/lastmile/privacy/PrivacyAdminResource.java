package io.lastmile.privacy;

import io.lastmile.platform.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** The privacy jobs for administrators: the retention pass and the move to the current column key. */
@Path("/api/v1/admin")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PrivacyAdminResource {

    private final Retention retention;
    private final ReEncryption reEncryption;

    public PrivacyAdminResource(Retention retention, ReEncryption reEncryption) {
        this.retention = retention;
        this.reEncryption = reEncryption;
    }

    @GET
    @Path("/retention")
    @Operation(summary = "The retention period and this replica's last pass (null before the first)")
    public Map<String, Object> retention() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", retention.period().toString());
        body.put("last", retention.last());
        return body;
    }

    @POST
    @Path("/retention/run")
    @Operation(summary = "Anonymise now the closed tickets past the period; answers what was done")
    public Uni<Retention.Report> runRetention() {
        return retention.run();
    }

    @POST
    @Path("/column-keys/re-encrypt")
    @Operation(summary = "Seal every personal value under the current column key (after a rotation); answers how many moved")
    public Uni<ReEncryption.Report> reEncrypt() {
        return reEncryption.run();
    }
}
