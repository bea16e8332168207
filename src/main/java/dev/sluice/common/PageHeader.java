package dev.sluice.common;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;

/** A page's title with a line under it that says what the page is for. */
public final class PageHeader {

    private PageHeader() {
    }

    public static Div of(String title, String description) {
        Paragraph text = new Paragraph(description);
        text.addClassName("view-description");
        Div header = new Div(new H2(title), text);
        header.addClassName("view-header-text");
        return header;
    }
}
