package dev.sluice.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.sluice.common.PageHeader;
import jakarta.annotation.security.PermitAll;

/** Every signed-in user's own personal API keys; project ADMINs also find them on the Admin page. */
@Route("api-keys")
@PageTitle("API keys · Sluice")
@PermitAll
public class ApiKeysView extends Div {

    ApiKeysView(PersonalApiKeysPanel keys) {
        addClassName("api-keys-view");
        add(PageHeader.of("API keys", "Keys for scripts that call the Sluice REST API as you."), keys);
    }
}
