package dev.sluice.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Every signed-in user's own personal API keys; project ADMINs also find them on the Admin page. */
@Route("api-keys")
@PageTitle("API keys · Sluice")
@PermitAll
public class ApiKeysView extends Div {

    ApiKeysView(PersonalApiKeysPanel keys) {
        addClassName("api-keys-view");
        H2 title = new H2("API keys");
        Paragraph description = new Paragraph("Keys for scripts that call the Sluice REST API as you.");
        description.addClassName("view-description");
        Div header = new Div(title, description);
        header.addClassName("view-header-text");
        add(header, keys);
    }
}
