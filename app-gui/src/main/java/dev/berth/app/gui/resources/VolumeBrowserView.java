package dev.berth.app.gui.resources;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.resources.FilePreview;
import dev.berth.app.resources.VolumeEntry;
import dev.berth.app.resources.VolumeHelper;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A volume's files, read-only: a tree with sizes and dates above a preview of the selected file. */
final class VolumeBrowserView extends BorderPane {

    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final VolumeBrowserViewModel model;
    private final TreeTableView<VolumeTree> tree = new TreeTableView<>();
    private final TextArea preview = new TextArea();
    private final Label previewTitle = new Label();

    VolumeBrowserView(VolumeBrowserViewModel model) {
        this.model = model;
        getStyleClass().add("volume-browser");

        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(model.volumeProperty().map(v -> "Files in " + v).orElse("Files"));
        Label summary = new Label();
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setId("volume-summary");
        summary.textProperty().bind(model.summaryProperty());
        Label readOnly = new Label("read-only", Icons.icon(Feather.LOCK));
        readOnly.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, summary, spacer, readOnly);
        header.getStyleClass().add("resource-header");

        tree.setId("volume-tree");
        tree.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.getColumns().setAll(List.of(nameColumn(), sizeColumn(), modifiedColumn()));
        Label placeholder = new Label();
        placeholder.getStyleClass().add("pane-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.errorProperty().flatMap(error -> error.isEmpty()
                ? model.volumeProperty().map(v -> "Volume " + v + " is empty.").orElse("Select a volume to browse its files.")
                : model.errorProperty()));
        tree.setPlaceholder(placeholder);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(40, 40);
        loading.visibleProperty().bind(model.loadingProperty());
        StackPane treeArea = new StackPane(tree, loading);

        preview.setId("volume-preview");
        preview.setEditable(false);
        preview.getStyleClass().add("volume-preview");
        preview.setPromptText("Select a file to preview it (text, first " + Formats.bytes(VolumeHelper.PREVIEW_BYTES) + ").");
        previewTitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        previewTitle.setId("volume-preview-title");
        VBox previewArea = new VBox(4, previewTitle, preview);
        VBox.setVgrow(preview, Priority.ALWAYS);
        previewArea.getStyleClass().add("volume-preview-area");

        SplitPane split = new SplitPane(treeArea, previewArea);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setTop(header);
        setCenter(split);

        model.treeProperty().addListener((obs, old, root) -> tree.setRoot(root == null ? null : new Item(root)));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            VolumeTree node = item == null ? null : item.getValue();
            model.select(node == null || node.isDirectory() ? null : node.path());
        });
        model.previewProperty().addListener((obs, old, shown) -> showPreview(shown));
        showPreview(null);
    }

    TreeTableView<VolumeTree> tree() {
        return tree;
    }

    TextArea preview() {
        return preview;
    }

    private void showPreview(FilePreview shown) {
        if (shown == null) {
            preview.clear();
            previewTitle.setText("");
            return;
        }
        preview.setText(shown.text());
        String size = Formats.bytes(shown.size());
        previewTitle.setText(shown.path() + " — " + size + (shown.binary() ? ", binary: hex of the first bytes" : "")
                + (shown.truncated() && !shown.binary() ? ", first " + Formats.bytes(VolumeHelper.PREVIEW_BYTES) + " shown" : ""));
    }

    private static TreeTableColumn<VolumeTree, VolumeTree> nameColumn() {
        TreeTableColumn<VolumeTree, VolumeTree> column = new TreeTableColumn<>("Name");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        column.setPrefWidth(260);
        column.setCellFactory(c -> new TreeTableCell<>() {
            // One icon per cell, its glyph swapped: cells are reused while scrolling, icons need not be.
            private final FontIcon icon = Icons.icon(Feather.FILE);

            @Override
            protected void updateItem(VolumeTree node, boolean empty) {
                super.updateItem(node, empty);
                if (empty || node == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                VolumeEntry entry = node.entry();
                boolean link = entry != null && entry.type() == VolumeEntry.Type.LINK;
                setText(link ? node.name() + " → " + entry.linkTarget() : node.name());
                icon.setIconCode(node.isDirectory() ? Feather.FOLDER : link ? Feather.LINK : Feather.FILE);
                setGraphic(icon);
            }
        });
        return column;
    }

    private static TreeTableColumn<VolumeTree, String> sizeColumn() {
        TreeTableColumn<VolumeTree, String> column = new TreeTableColumn<>("Size");
        column.setCellValueFactory(cell -> {
            VolumeTree node = cell.getValue().getValue();
            String text = node.isDirectory() ? Formats.bytes(node.size()) + " in " + node.files() + (node.files() == 1 ? " file" : " files")
                    : node.entry().type() == VolumeEntry.Type.FILE ? Formats.bytes(node.size()) : "";
            return new ReadOnlyObjectWrapper<>(text);
        });
        column.setPrefWidth(130);
        column.getStyleClass().add("numeric-column");
        return column;
    }

    private static TreeTableColumn<VolumeTree, String> modifiedColumn() {
        TreeTableColumn<VolumeTree, String> column = new TreeTableColumn<>("Modified");
        column.setCellValueFactory(cell -> {
            VolumeEntry entry = cell.getValue().getValue().entry();
            return new ReadOnlyObjectWrapper<>(entry == null || entry.modified() == null ? "" : MODIFIED.format(entry.modified()));
        });
        column.setPrefWidth(130);
        return column;
    }

    /** Creates its children when first asked (expanded), so a volume of thousands of files opens at once. */
    private static final class Item extends TreeItem<VolumeTree> {
        private boolean built;

        Item(VolumeTree node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().children().isEmpty();
        }

        @Override
        public ObservableList<TreeItem<VolumeTree>> getChildren() {
            if (!built) {
                built = true;
                List<TreeItem<VolumeTree>> items = getValue().children().stream().map(child -> (TreeItem<VolumeTree>) new Item(child)).toList();
                super.getChildren().setAll(items);
            }
            return super.getChildren();
        }
    }
}
